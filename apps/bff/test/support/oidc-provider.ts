import { DEMO_PASSWORD } from '../../src/core/database/demo-seed';
import { cookieHeader } from './login';
import { TEST_ENV } from './test-state';

/** The provider's cookies, by name (oidc-provider scopes some by path; sending all of them is harmless here). */
export class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const c of response.headers.getSetCookie()) {
      const pair = c.split(';')[0] ?? '';
      const eq = pair.indexOf('=');
      if (eq > 0) this.cookies.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** Follows the provider's redirects (manually, keeping its cookies) until one leaves the provider. */
export async function followProvider(start: string, jar: CookieJar, init: RequestInit = {}): Promise<string> {
  let response = await fetch(start, {
    ...init,
    redirect: 'manual',
    headers: { ...init.headers, cookie: jar.header() },
  });
  for (let hops = 0; hops < 10; hops += 1) {
    jar.take(response);
    const location = response.headers.get('location');
    if (response.status < 300 || response.status >= 400 || !location) {
      return `${response.status}:${new URL(start).pathname}`;
    }
    const next = new URL(location, start);
    if (next.origin !== new URL(start).origin) return next.href;
    start = next.href;
    response = await fetch(start, { redirect: 'manual', headers: { cookie: jar.header() } });
  }
  throw new Error('too many redirects at the provider');
}

/**
 * Runs the browser's part of a sign-in: /start at the BFF, the provider's sign-in page (email + password), back to
 * the redirect URI. Returns the callback's query string and the BFF's state cookie.
 */
export async function signInAtProvider(
  bff: string,
  email: string,
  password = DEMO_PASSWORD,
  startPath = '/api/v1/auth/oidc/start?next=%2Fbilling',
): Promise<{ search: string; stateCookie: string }> {
  const issuer = process.env[TEST_ENV.oidcIssuer];
  const start = await fetch(`${bff}${startPath}`, { redirect: 'manual' });
  expect(start.status).toBe(302);
  const stateCookie = cookieHeader(start);
  expect(stateCookie).toMatch(/^portico_oidc=/);
  const authorize = new URL(start.headers.get('location')!);
  expect(authorize.origin).toBe(issuer);
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authorize.searchParams.get('state')).toBeTruthy();
  expect(authorize.searchParams.get('nonce')).toBeTruthy();
  const jar = new CookieJar();
  const interaction = await followProvider(authorize.href, jar);
  expect(interaction).toMatch(/^200:\/interaction\//);
  const back = await followProvider(`${issuer}${interaction.slice(4)}`, jar, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email, password }).toString(),
  });
  const callback = new URL(back);
  expect(callback.pathname).toBe('/api/v1/auth/oidc/callback');
  return { search: callback.search, stateCookie };
}
