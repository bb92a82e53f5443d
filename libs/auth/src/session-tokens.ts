/**
 * Access tokens and the server-side check that makes them revocable. A token carries the account id and
 * the account's `tokenVersion` when it was issued; it is honoured only while the account is active and
 * its version is unchanged, so logging out, changing a password, a deactivation or a forced password
 * change end every session of the account at once, on every API instance (the version is in the database).
 */
import type { JwtService } from '@nestjs/jwt';
import type { EntityManager } from 'typeorm';
import { queryRows } from '@app/common';
import { User } from './user.entity';

export interface AccessTokenClaims {
  sub: string;
  /** The account's tokenVersion when the token was issued. */
  tv: number;
}

/**
 * The session cookie of the queue dashboard (/admin/queues): set by the login answer for planners,
 * HttpOnly (no script reads it), SameSite=Strict, `Secure` in production, cleared by logout.
 * The console itself sends the token as a bearer header.
 */
export const SESSION_COOKIE = 'ngayhoi_token';
export const SESSION_COOKIE_PATH = '/admin';

export function signAccessToken(jwt: JwtService, user: Pick<User, 'id' | 'tokenVersion'>): Promise<string> {
  const claims: AccessTokenClaims = { sub: user.id, tv: user.tokenVersion };
  return jwt.signAsync(claims);
}

/** What a request needs of its account: who it is, what it may do, whether it must change its password first. */
export type SessionAccount = Pick<User, 'id' | 'email' | 'role' | 'provinceCode' | 'mustChangePassword'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The claims of a verified token's payload, or null when they are not the API's (an id and a token version). */
export function sessionClaims(payload: unknown): AccessTokenClaims | null {
  const { sub, tv } = (payload ?? {}) as Partial<AccessTokenClaims>;
  if (typeof sub !== 'string' || !UUID.test(sub) || typeof tv !== 'number' || !Number.isInteger(tv)) return null;
  return { sub, tv };
}

/** Revokes every token of the account issued so far (in the caller's transaction). */
export async function revokeSessions(manager: EntityManager, userId: string): Promise<number> {
  const rows = await queryRows<{ token_version: number }>(manager, `UPDATE users SET token_version = token_version + 1 WHERE id = $1 RETURNING token_version`, [
    userId,
  ]);
  return rows[0]?.token_version ?? 0;
}
