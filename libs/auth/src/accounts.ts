/**
 * Account rows for code outside the HTTP API that must still go through the auth library: the CLI's
 * `user:create` and the demo seed. The caller's EntityManager keeps
 * them in its transaction; UsersService writes through the same functions.
 */
import { type EntityManager, In } from 'typeorm';
import type { UserView } from './dto/user-view.dto';
import type { Role } from './role.enums';
import { User } from './user.entity';

export interface NewAccount {
  /** Stored lower-cased. */
  email: string;
  fullName: string;
  role: Role;
  provinceCode: string | null;
  passwordHash: string;
}

export function accountExists(manager: EntityManager, email: string): Promise<boolean> {
  return manager.existsBy(User, { email: email.trim().toLowerCase() });
}

/** The id of the account with this e-mail, or null (the demo seed books resources in its planner's name). */
export async function accountIdByEmail(manager: EntityManager, email: string): Promise<string | null> {
  return (await manager.findOne(User, { select: { id: true }, where: { email: email.trim().toLowerCase() } }))?.id ?? null;
}

/** Accounts' full names by id (the audit log names who changed what); ids of no account are left out. */
export async function accountNames(manager: EntityManager, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const users = await manager.find(User, { select: { id: true, fullName: true }, where: { id: In([...new Set(ids)]) } });
  return new Map(users.map((user) => [user.id, user.fullName]));
}

/** Inserts the account; answers it without its password hash (what the API and the audit log may show). */
export async function insertAccount(manager: EntityManager, account: NewAccount): Promise<UserView> {
  const user = await manager.save(manager.create(User, { ...account, email: account.email.trim().toLowerCase() }));
  return userView(user);
}

/** An account as the API and the audit log may show it: no password hash, no token version. */
export function userView(user: User): UserView {
  const { passwordHash: _hash, tokenVersion: _tokens, province: _province, ...view } = user;
  return view;
}

/**
 * The active accounts holding the role, and for organizers the province's, by e-mail. Logistics'
 * organizer reminder e-mails go to whoever holds the role when they are sent (someone appointed since
 * the reminder was planned gets it, someone deactivated does not).
 */
export function activeAccountsWithRole(manager: EntityManager, role: Role, provinceCode?: string): Promise<Array<Pick<User, 'id' | 'email' | 'fullName'>>> {
  return manager.find(User, { where: { role, active: true, ...(provinceCode ? { provinceCode } : {}) }, order: { email: 'ASC' } });
}

/** Accounts by id with what a mail to them needs (notification e-mails: address, name, role, still active). */
export function accountsByIds(
  manager: EntityManager,
  ids: string[],
): Promise<Array<Pick<User, 'id' | 'email' | 'fullName' | 'role' | 'provinceCode' | 'active'>>> {
  if (ids.length === 0) return Promise.resolve([]);
  return manager.find(User, { select: { id: true, email: true, fullName: true, role: true, provinceCode: true, active: true }, where: { id: In(ids) } });
}
