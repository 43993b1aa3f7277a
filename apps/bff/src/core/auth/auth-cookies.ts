/** Base name of the cookie holding the access token (JWT). */
export const ACCESS_COOKIE = 'portico_at';
/** Base name of the cookie holding the opaque refresh token. */
export const REFRESH_COOKIE = 'portico_rt';
/** Base name of the CSRF cookie (readable by the portal's script, which echoes it in `x-csrf-token`). */
export const CSRF_COOKIE = 'portico_csrf';
/** Base name of the cookie holding the two-factor login challenge (password accepted, code pending). */
export const MFA_CHALLENGE_COOKIE = 'portico_mfa';
/** Header carrying the CSRF token on state-changing requests. */
export const CSRF_HEADER = 'x-csrf-token';
/**
 * Path of every session cookie. `__Host-` cookies must use `/`, so the refresh cookie is sent with every request to
 * the portal's origin too; that is acceptable because it is HttpOnly and SameSite=Lax, and only the refresh and
 * logout routes read it.
 */
export const REFRESH_COOKIE_PATH = '/';

/** The cookie names in force: `__Host-` prefixed when cookies are `Secure`, the plain base names otherwise. */
export interface CookieNames {
  access: string;
  refresh: string;
  csrf: string;
  mfaChallenge: string;
}

/**
 * Cookie names for the resolved `COOKIE_SECURE`. Browsers accept `__Host-` cookies only with `Secure`, `Path=/`
 * and no `Domain`; on plain-http localhost (`COOKIE_SECURE` off) the prefix is dropped, as `Secure` cookies would not
 * come back from every browser over http.
 */
export function cookieNames(secure: boolean): CookieNames {
  const p = secure ? '__Host-' : '';
  return {
    access: `${p}${ACCESS_COOKIE}`,
    refresh: `${p}${REFRESH_COOKIE}`,
    csrf: `${p}${CSRF_COOKIE}`,
    mfaChallenge: `${p}${MFA_CHALLENGE_COOKIE}`,
  };
}

/** Options of every session cookie: `Path=/`, no `Domain`, `SameSite=Lax`, `Secure` per configuration. */
export function cookieOptions(
  secure: boolean,
  httpOnly: boolean,
  maxAgeSeconds?: number,
): Record<string, unknown> {
  return {
    path: '/',
    sameSite: 'lax',
    secure,
    httpOnly,
    ...(maxAgeSeconds === undefined ? {} : { maxAge: maxAgeSeconds }),
  };
}

/** The value of cookie `name` in a raw `Cookie` header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value; // not percent-encoded after all: the raw value (it will fail verification, not throw here)
    }
  }
  return undefined;
}
