import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { queryRows } from '@app/common';
import { type AccessTokenClaims, sessionClaims, type SessionAccount } from './session-tokens';

/** Verified tokens remembered (a few per signed-in user); past this, the oldest is forgotten. */
export const VERIFIED_TOKENS_KEPT = 10_000;

interface Verified extends AccessTokenClaims {
  /** When the token expires (its `exp`), in ms. */
  expiresAt: number;
}

interface Waiting {
  claims: AccessTokenClaims;
  resolve: (account: SessionAccount | null) => void;
  reject: (error: unknown) => void;
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
  private waiting: Waiting[] = [];
  private reading = false;

  constructor(
    private readonly jwt: JwtService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  /** The active account a token stands for, or null (bad signature, expired, revoked, deactivated). */
  async accountOf(token: string): Promise<SessionAccount | null> {
    const claims = await this.claimsOf(token);
    if (!claims) return null;
    return new Promise((resolve, reject) => {
      this.waiting.push({ claims, resolve, reject });
      if (!this.reading) this.readAccounts();
    });
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

  /** Sends one statement for every request waiting, then again for those that arrived meanwhile. */
  private readAccounts(): void {
    const batch = this.waiting;
    this.waiting = [];
    if (batch.length === 0) {
      this.reading = false;
      return;
    }
    this.reading = true;
    const ids = [...new Set(batch.map((waiting) => waiting.claims.sub))];
    queryRows<SessionAccount & { tokenVersion: number }>(this.dataSource, SESSION_ACCOUNTS_SQL, [ids])
      .then(
        (rows) => {
          const byId = new Map(rows.map((row) => [row.id, row]));
          for (const { claims, resolve } of batch) {
            const row = byId.get(claims.sub);
            if (!row || row.tokenVersion !== claims.tv) {
              resolve(null);
              continue;
            }
            const { tokenVersion: _version, ...account } = row;
            resolve(account);
          }
        },
        (error: unknown) => batch.forEach((waiting) => waiting.reject(error)),
      )
      .finally(() => this.readAccounts());
  }
}
