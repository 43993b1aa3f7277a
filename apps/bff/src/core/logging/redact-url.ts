import { maskEmail } from './mask-email';

/** Query parameter names whose values are secrets wherever they appear (case-insensitive, `_`/`-` ignored). */
const SECRET_PARAMS = new Set([
  'token',
  'accesstoken',
  'refreshtoken',
  'idtoken',
  'code',
  'state',
  'nonce',
  'secret',
  'clientsecret',
  'password',
  'key',
  'apikey',
  'signature',
  'sig',
  'session',
  'sessionid',
  'codeverifier',
]);
/** Something that looks like an email address (also percent-encoded: `%40`). */
const EMAIL_LIKE = /^[^@\s]+@[^@\s]+$/;
/** A long opaque value (JWT, base64url or hex secret) is a token whatever its name. */
const TOKEN_LIKE = /^(?:[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}|[A-Za-z0-9_-]{40,})$/;

/**
 * A request URL fit for a log line: in the query string, email-like values are masked (`o***@acme.example`) and the
 * values of secret-named parameters (`token`, `code`, `state`, ...) and of token-like values (JWTs, 40+ character
 * opaque strings) are replaced with `[redacted]`. The path is kept as is. Values that cannot be decoded are
 * redacted.
 * @param url the request target, e.g. `/api/v1/accounts/x/audit-events?actor=owner%40acme.example`
 */
export function redactUrl(url: string): string {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      if (eq < 0) return pair;
      const name = pair.slice(0, eq);
      let value: string;
      try {
        value = decodeURIComponent(pair.slice(eq + 1).replace(/\+/g, ' '));
      } catch {
        return `${name}=[redacted]`;
      }
      const key = name.toLowerCase().replace(/[-_]/g, '');
      if (SECRET_PARAMS.has(key) || TOKEN_LIKE.test(value)) return `${name}=[redacted]`;
      if (EMAIL_LIKE.test(value)) return `${name}=${encodeURIComponent(maskEmail(value))}`;
      return pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
}
