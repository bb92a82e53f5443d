import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { MicroBatch, queryRows } from '@app/common';
import { type AccessTokenClaims, sessionClaims, type SessionAccount } from './session-tokens';

/** Verified tokens remembered (a few per signed-in user); past this, the oldest is forgotten. */
export const VERIFIED_TOKENS_KEPT = 10_000;

interface Verified extends AccessTokenClaims {
  /** When the token expires (its `exp`), in ms. */
  expiresAt: number;
}

/** The accounts of a batch of tokens, active ones only; each request compares its own token version. */
const SESSION_ACCOUNTS_SQL = `SELECT id, email, role, province_code AS "provinceCode", must_change_password AS "mustChangePassword", token_version AS "tokenVersion"
  FROM users WHERE id = ANY($1::uuid[]) AND active`;

/**
 * The access guard's check of every authenticated request (session-tokens.ts says why a token is
 * checked against its account each time: a logout, a deactivation or a new password cut access at
 * once), made cheaper without weakening it (issue 21: on a served dashboard, verifying the JWT and the
 * account's SELECT were most of what the API did beyond a trivial route):
 * - a token's signature is verified once: the claims of a token that verified are remembered by its
 *   exact text until it expires (VERIFIED_TOKENS_KEPT at most). A signature cannot stop being valid,
 *   and expiry is checked on every use; nothing is remembered of a token that did not verify;
 * - the account is read on every request, from a statement sent after the request arrived, but one
 *   statement serves every request waiting: while one is in flight, the requests arriving meanwhile
 *   wait for the next, sent as soon as it returns, with all their accounts in it. A revocation committed
 *   before a request arrived is therefore always seen, as with one statement per request; under load
 *   the API sends one statement per round trip instead of one per request.
 */
@Injectable()
export class SessionChecks {
  private readonly verified = new Map<string, Verified>();
  private readonly accountReads = new MicroBatch<AccessTokenClaims, SessionAccount | null>((batch) => this.readAccounts(batch));

  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The active account a token stands for, or null (bad signature, expired, revoked, deactivated). */
  async accountOf(token: string): Promise<SessionAccount | null> {
    const claims = await this.claimsOf(token);
    if (!claims) return null;
    return this.accountReads.call(claims);
  }

  private async claimsOf(token: string): Promise<AccessTokenClaims | null> {
    const known = this.verified.get(token);
    if (known) {
      if (Date.now() < known.expiresAt) return known;
      this.verified.delete(token);
      return null;
    }
    let payload: unknown;
    try {
      payload = await this.jwt.verifyAsync<AccessTokenClaims>(token);
    } catch {
      return null;
    }
    const claims = sessionClaims(payload);
    const exp = (payload as { exp?: unknown }).exp;
    // Only tokens that expire are remembered (every token the API signs does).
    if (claims && typeof exp === 'number') {
      if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(token, { ...claims, expiresAt: exp * 1000 });
    }
    return claims;
  }

  /** One statement for a batch of requests' accounts; each request compares its own token version. */
  private async readAccounts(batch: AccessTokenClaims[]): Promise<(SessionAccount | null)[]> {
    const ids = [...new Set(batch.map((claims) => claims.sub))];
    const rows = await queryRows<SessionAccount & { tokenVersion: number }>(this.dataSource, SESSION_ACCOUNTS_SQL, [ids]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    return batch.map((claims) => {
      const row = byId.get(claims.sub);
      if (!row || row.tokenVersion !== claims.tv) return null;
      const { tokenVersion: _version, ...account } = row;
      return account;
    });
  }
}
