/**
 * How long an account is held after failed logins (any address): nothing below the threshold, then the
 * base hold, doubling with every further failure up to the ceiling. A growing delay rather than a hard
 * lock, so a guesser is slowed to a handful of tries an hour while the owner is never shut out for long.
 */
export interface LockoutPolicy {
  threshold: number;
  baseSeconds: number;
  maxSeconds: number;
}

export function holdSeconds(failures: number, policy: LockoutPolicy): number {
  if (failures < policy.threshold) return 0;
  const doublings = Math.min(failures - policy.threshold, 30);
  return Math.min(policy.baseSeconds * 2 ** doublings, policy.maxSeconds);
}

/** The account part of every login key: the submitted e-mail as accounts store it. */
export const normalisedLogin = (email: unknown): string => (typeof email === 'string' ? email.trim().toLowerCase() : '');
