/**
 * Password hashing with Argon2id (memory-hard, OWASP's first choice) through the `argon2` package,
 * which ships prebuilt binaries. Parameters follow OWASP's minimum (19 MiB, t=2, p=1).
 */
import * as argon2 from 'argon2';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string) => argon2.hash(password, OPTIONS);

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

/** A hash of nothing, verified against when the account does not exist, so timing reveals nothing. */
let decoy: Promise<string> | undefined;
export const decoyHash = () => (decoy ??= hashPassword('decoy-password-never-used'));

export const MIN_PASSWORD_LENGTH = 12;
