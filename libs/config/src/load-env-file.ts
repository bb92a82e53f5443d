import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Reads `config/.env` (or ENV_FILE) into process.env when it exists, without overriding variables
 * already set. Node's own loader is used: no dotenv dependency is needed on Node >= 20.12.
 */
export function loadEnvFile(path = process.env.ENV_FILE ?? resolve(process.cwd(), 'config/.env')): void {
  if (existsSync(path)) process.loadEnvFile(path);
}
