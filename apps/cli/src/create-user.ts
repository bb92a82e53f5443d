import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { recordAudit } from '@app/audit';
import { accountExists, hashPassword, insertAccount, MIN_PASSWORD_LENGTH, Role, SYSTEM_ACTOR } from '@app/auth';

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
    if (await accountExists(manager, email)) throw new Error(`an account with e-mail ${email} already exists`);
    const view = await insertAccount(manager, { email, fullName: input.fullName, role: input.role, provinceCode: input.provinceCode ?? null, passwordHash });
    await recordAudit(manager, {
      actor: SYSTEM_ACTOR,
      entityType: 'user',
      entityId: view.id,
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
