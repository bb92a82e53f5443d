import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Writes config/.env from config/.env.example on a fresh machine, with a freshly generated
 * JWT_SECRET and LINK_SECRET. Never overwrites an existing file. The file holds secrets, so it is
 * created readable and writable by its owner only (mode 600), never briefly wider.
 */
export function initEnvFile(root = process.cwd()): string {
  const target = resolve(root, 'config/.env');
  if (existsSync(target)) return 'config/.env already exists; left as it is';
  const secret = () => randomBytes(48).toString('base64url');
  const text = readFileSync(resolve(root, 'config/.env.example'), 'utf8')
    .replace(/^JWT_SECRET=.*$/m, `JWT_SECRET=${secret()}`)
    .replace(/^LINK_SECRET=.*$/m, `LINK_SECRET=${secret()}`);
  // `wx`: fails rather than overwrite a file created meanwhile; the mode applies from creation (umask may
  // only narrow it), and chmod makes sure of it.
  writeFileSync(target, text, { mode: 0o600, flag: 'wx' });
  chmodSync(target, 0o600);
  return 'config/.env written from config/.env.example with new JWT_SECRET and LINK_SECRET';
}
