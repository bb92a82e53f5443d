/**
 * Password hashing with Argon2id (memory-hard, OWASP's first choice) through `@node-rs/argon2`, which
 * ships per-platform prebuilt binaries without install scripts (the `argon2` package's linux-x64
 * prebuild crashed on our machines). Parameters follow OWASP's minimum (19 MiB, t=2, p=1).
 * Hashes are PHC strings, so the parameters can be raised later without invalidating old ones.
 */
import { hash, verify } from '@node-rs/argon2';

// The library's default algorithm is Argon2id (its `Algorithm` is an ambient const enum we cannot import).
const OPTIONS = { memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => hash(password, OPTIONS);

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing, verified against when the account does not exist, so timing reveals nothing. */
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hashPassword('decoy-password-never-used'));

export const MIN_PASSWORD_LENGTH = 12;
