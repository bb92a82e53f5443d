/**
 * What a request log line may say about a URL. RSVP and calendar-feed links are bearer secrets in the
 * path (whoever holds one answers or reads in the delegate's name), and a mail relay may put its own
 * secret in the inbound hook's path, so those segments never reach a log; nor does any query value
 * that looks like a secret (a named token/key/signature, or a long opaque string other than an id).
 */

export const REDACTED = '[redacted]';

/** Path segments that are secrets by position: `/api/rsvp/<token>`, `/api/calendar/<token>.ics`. */
const SECRET_PATHS = /^(\/api\/(?:rsvp|calendar)\/)([^/]+)/i;

/** The inbound hook's routes; anything else under /api/inbound/ (a secret in the path) is redacted. */
const INBOUND_PREFIX = /^\/api\/inbound(\/|$)/i;
const INBOUND_ROUTES = new Set(['calendar-replies']);

const SECRET_QUERY_KEY = /token|secret|key|sig|signature|password|passwd|auth|code|hash|session|jwt/i;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** 20 or more URL-safe characters with no separator: the shape of every token we issue or receive. */
const OPAQUE = /^[A-Za-z0-9_\-.~+/=%]{20,}$/;
const OPAQUE_SEGMENT = /^[A-Za-z0-9_-]{32,}$/;

export function redactPath(path: string): string {
  const secret = SECRET_PATHS.exec(path);
  if (secret) {
    const [whole, prefix, segment] = secret;
    const suffix = segment.toLowerCase().endsWith('.ics') ? '.ics' : '';
    return `${prefix}${REDACTED}${suffix}${redactRest(path.slice(whole.length))}`;
  }
  if (INBOUND_PREFIX.test(path)) {
    // '', 'api', 'inbound', then only the hook's known route names survive.
    return path
      .split('/')
      .map((segment, index) => (index < 3 || segment === '' || INBOUND_ROUTES.has(segment.toLowerCase()) ? segment : REDACTED))
      .join('/');
  }
  // Anywhere else, a long opaque segment (a token sent to the wrong path) is dropped too; ids stay.
  return path
    .split('/')
    .map((segment) => (OPAQUE_SEGMENT.test(segment) && !UUID.test(segment) ? REDACTED : segment))
    .join('/');
}

/** Whatever follows a secret segment could embed more of it. */
function redactRest(rest: string): string {
  return rest === '' || rest === '/' ? rest : `/${REDACTED}`;
}

export function redactQuery(query: string): string {
  if (!query) return query;
  return query
    .split('&')
    .map((pair) => {
      const separator = pair.indexOf('=');
      if (separator < 0) return OPAQUE.test(pair) ? REDACTED : pair;
      const key = pair.slice(0, separator);
      const value = pair.slice(separator + 1);
      let decoded = value;
      try {
        decoded = decodeURIComponent(value);
      } catch {
        // a malformed escape is logged as it came, unless it looks secret below
      }
      const secret = SECRET_QUERY_KEY.test(key) || (OPAQUE.test(value) && !UUID.test(decoded));
      return secret ? `${key}=${REDACTED}` : pair;
    })
    .join('&');
}

/** A request URL fit for a log line: path and query stripped of secrets, length bounded. */
export function redactUrl(url: string | undefined): string | undefined {
  if (url === undefined) return url;
  const separator = url.indexOf('?');
  const path = separator < 0 ? url : url.slice(0, separator);
  const query = separator < 0 ? '' : url.slice(separator + 1);
  const redacted = redactPath(path) + (separator < 0 ? '' : `?${redactQuery(query)}`);
  return redacted.length > 2048 ? `${redacted.slice(0, 2048)}…` : redacted;
}
