import { meSchema } from '@portico/domain';
import { DEMO_PASSWORD } from '../../src/core/database/demo-seed';

/** Cookies of a response as a `name=value; name2=value2` header, from its `set-cookie` headers. */
export function cookieHeader(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0] ?? '')
    .filter((c) => c.length > 0 && !c.endsWith('='))
    .join('; ');
}

/** The value of one cookie set by a response, or undefined. */
export function setCookieValue(response: Response, name: string): string | undefined {
  for (const c of response.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const eq = pair?.indexOf('=') ?? -1;
    if (pair && eq > 0 && pair.slice(0, eq) === name) return pair.slice(eq + 1);
  }
  return undefined;
}

/**
 * Signs in and returns the `cookie` header to send on later requests (access and refresh cookies).
 * @throws Error when the login does not answer 200
 */
export async function loginAs(url: string, email: string, password = DEMO_PASSWORD): Promise<string> {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (response.status !== 200)
    throw new Error(`login as ${email} failed: ${response.status} ${await response.text()}`);
  return cookieHeader(response);
}

/**
 * The id of the account named `accountName` among the memberships of the signed-in user (`GET /api/v1/me`).
 * @throws Error when the user is not a member of such an account
 */
export async function accountIdByName(url: string, cookie: string, accountName: string): Promise<string> {
  const response = await fetch(`${url}/api/v1/me`, { headers: { cookie } });
  const me = meSchema.parse(await response.json());
  const id = me.memberships.find((m) => m.accountName === accountName)?.accountId;
  if (id === undefined) throw new Error(`no membership of ${accountName}`);
  return id;
}

/**
 * Headers for a request made with the session `cookie` from {@link loginAs}: the cookie and whatever else a
 * state-changing request must carry (the CSRF token, once the BFF requires one). Use it for every POST, PATCH,
 * PUT and DELETE in tests, so they keep passing as the session's requirements grow.
 */
export function sessionHeaders(cookie: string, extra: Record<string, string> = {}): Record<string, string> {
  const csrf = csrfTokenOf(cookie);
  return { ...extra, cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}) };
}

/**
 * Sends `method path` to the BFF at `baseUrl` with the session `cookie` (and `body` as JSON) and returns the status,
 * the answer's body read and dropped.
 */
export async function statusOf(
  baseUrl: string,
  method: string,
  path: string,
  cookie: string,
  body?: object,
): Promise<number> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: sessionHeaders(cookie, body ? { 'content-type': 'application/json' } : {}),
    body: body ? JSON.stringify(body) : undefined,
  });
  await res.arrayBuffer();
  return res.status;
}

/** The CSRF cookie's value (`portico_csrf`, or `__Host-portico_csrf` when cookies are Secure) in a cookie header. */
export function csrfTokenOf(cookie: string): string | undefined {
  for (const part of cookie.split(';')) {
    const eq = part.indexOf('=');
    const name = part.slice(0, eq).trim();
    if (eq > 0 && (name === 'portico_csrf' || name === '__Host-portico_csrf'))
      return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** The two demo owners signed in: each one's `cookie` header (from {@link loginAs}) and account id. */
export interface DemoOwners {
  acmeCookie: string;
  acme: string;
  globexCookie: string;
  globex: string;
}

/** Signs in as the owners of the demo accounts Acme Hosting Ltd and Globex Corporation (see `demo-seed.ts`). */
export async function signInDemoOwners(url: string): Promise<DemoOwners> {
  const acmeCookie = await loginAs(url, 'owner@acme.example');
  const globexCookie = await loginAs(url, 'owner@globex.example');
  return {
    acmeCookie,
    acme: await accountIdByName(url, acmeCookie, 'Acme Hosting Ltd'),
    globexCookie,
    globex: await accountIdByName(url, globexCookie, 'Globex Corporation'),
  };
}
