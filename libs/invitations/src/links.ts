/**
 * Unguessable RSVP links without storing secrets: a token is HMAC-SHA256(LINK_SECRET, purpose + subject)
 * (256 bits), so the worker can put it in an e-mail at any time, while the database keeps only its
 * SHA-256 for lookup. Rotating LINK_SECRET revokes every link. (Calendar feeds no longer use this: their
 * tokens are random and revocable one by one, see feeds/feed-rules.ts; the old HMAC feed links stopped
 * working with migration 1795950000000.)
 */
import { createHash, createHmac } from 'node:crypto';

export type LinkPurpose = 'rsvp';

export function linkToken(secret: string, purpose: LinkPurpose, subject: string): string {
  return createHmac('sha256', secret).update(`${purpose}:${subject}`).digest('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Tokens are 43 base64url characters; anything else is refused before touching the database. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
