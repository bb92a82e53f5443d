import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditEntry } from '@app/audit/audit-entry.entity';
import { AuditService } from '@app/audit/audit.service';
import { SYSTEM_ACTOR } from '@app/auth/actor';
import { hashPassword, MIN_PASSWORD_LENGTH } from '@app/auth/password';
import { Role } from '@app/auth/role';
import { User } from '@app/auth/user.entity';

export interface NewAccount {
  email: string;
  fullName: string;
  role: Role;
  provinceCode?: string;
  passwordFromStdin: boolean;
}

/** Creates an account from the command line (the first planner has no other way in). */
export async function createUserAccount(dataSource: DataSource, input: NewAccount): Promise<string> {
  if (!Object.values(Role).includes(input.role)) throw new Error(`--role must be one of ${Object.values(Role).join(', ')}`);
  if ((input.role === Role.ProvincialOrganizer) !== Boolean(input.provinceCode)) {
    throw new Error('--province is required for provincial_organizer and not allowed otherwise');
  }
  const email = input.email.trim().toLowerCase();
  const generated = !input.passwordFromStdin;
  const password = generated ? randomBytes(18).toString('base64url') : (await readStdin()).trim();
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);
  const passwordHash = await hashPassword(password);

  await dataSource.transaction(async (manager) => {
    if (await manager.existsBy(User, { email })) throw new Error(`an account with e-mail ${email} already exists`);
    const user = await manager.save(
      manager.create(User, { email, fullName: input.fullName, role: input.role, provinceCode: input.provinceCode ?? null, passwordHash }),
    );
    const { passwordHash: _hidden, ...view } = user;
    await new AuditService(manager.getRepository(AuditEntry)).record(manager, {
      actor: SYSTEM_ACTOR,
      entityType: 'user',
      entityId: user.id,
      action: 'create',
      after: view,
      note: 'created from the command line',
    });
  });
  return generated ? `created ${email} (${input.role}); password, shown once: ${password}` : `created ${email} (${input.role})`;
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
