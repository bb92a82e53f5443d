import { randomBytes } from 'node:crypto';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Writes config/.env from config/.env.example on a fresh machine, with a freshly generated
 * JWT_SECRET and LINK_SECRET. Never overwrites an existing file.
 */
export function initEnvFile(root = process.cwd()): string {
  const target = resolve(root, 'config/.env');
  if (existsSync(target)) return 'config/.env already exists; left as it is';
  copyFileSync(resolve(root, 'config/.env.example'), target);
  const secret = () => randomBytes(48).toString('base64url');
  const text = readFileSync(target, 'utf8')
    .replace(/^JWT_SECRET=.*$/m, `JWT_SECRET=${secret()}`)
    .replace(/^LINK_SECRET=.*$/m, `LINK_SECRET=${secret()}`);
  writeFileSync(target, text);
  return 'config/.env written from config/.env.example with new JWT_SECRET and LINK_SECRET';
}
