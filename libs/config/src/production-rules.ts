/**
 * What `NODE_ENV=production` demands beyond a well-formed configuration: real secrets (no demo, test or
 * placeholder value, none reused for two purposes, none short), a token on /metrics. A pure function of
 * the validated values, so each rule is unit-tested without starting anything; loadAppConfig applies it
 * and the process stops with one line naming the variable.
 */

/** The secrets checked, each optional ones only when set. */
export const PRODUCTION_SECRETS = ['JWT_SECRET', 'LINK_SECRET', 'INBOUND_HOOK_SECRET', 'METRICS_TOKEN'] as const;
type SecretName = (typeof PRODUCTION_SECRETS)[number];

/** At least this long in production, whatever the variable's own minimum elsewhere. */
export const MIN_PRODUCTION_SECRET_LENGTH = 32;
/** Fewer distinct characters than this is a pattern (`aaaa…`, `abcabc…`), not a random secret. */
const MIN_DISTINCT_CHARACTERS = 12;
/**
 * Words that mark a value as written by hand for a demo, a test or a template — as whole words (between
 * separators or at an end), so a random base64 value that happens to contain the letters is not refused.
 */
const PLACEHOLDER_WORDS =
  /(^|[^a-z0-9])(demo|test|example|changeme|change-me|changeit|secret|password|placeholder|ngayhoi|default|replace|dev|local)([^a-z0-9]|$)/i;

export interface ProductionProblem {
  variable: string;
  problem: string;
}

/** The first rule the configuration breaks in production, or null. Outside production there are none. */
export function productionProblem(config: { isProduction: boolean } & Partial<Record<SecretName, string | undefined>>): ProductionProblem | null {
  if (!config.isProduction) return null;
  if (!config.METRICS_TOKEN) return { variable: 'METRICS_TOKEN', problem: 'is required in production (Prometheus sends it as a bearer token)' };
  const seen = new Map<string, SecretName>();
  for (const name of PRODUCTION_SECRETS) {
    const value = config[name];
    if (value === undefined) continue;
    const weakness = secretWeakness(value);
    if (weakness) return { variable: name, problem: `${weakness} — in production use a random value (e.g. \`openssl rand -base64 48\`)` };
    const twin = seen.get(value);
    if (twin) return { variable: name, problem: `is the same as ${twin} — in production each secret must be its own` };
    seen.set(value, name);
  }
  return null;
}

/** Why a value cannot be a production secret, or null when it can. */
export function secretWeakness(value: string): string | null {
  if (value.trim().length < MIN_PRODUCTION_SECRET_LENGTH) return `is shorter than ${MIN_PRODUCTION_SECRET_LENGTH} characters`;
  if (PLACEHOLDER_WORDS.test(value)) return 'looks like a demo or placeholder value';
  if (new Set(value).size < MIN_DISTINCT_CHARACTERS) return 'repeats too few characters to be random';
  return null;
}
