import { NextResponse, type NextRequest } from 'next/server';
import { serverEnv } from '@/env';

/**
 * The security headers of every portal page, given the request's script nonce:
 * - `Content-Security-Policy`: scripts only with this request's nonce (Next.js puts it on its own scripts) and what
 *   they load (`'strict-dynamic'`); no plugins, no `<base>`, forms only to the portal, no framing
 *   (`frame-ancestors 'none'`); connections to the portal and to where socket.io runs (http and ws).
 *   Styles allow inline attributes: React and d3 set `style` on elements, which carries no script.
 * - `X-Frame-Options: DENY` for browsers without `frame-ancestors`, `X-Content-Type-Options: nosniff`,
 *   `Referrer-Policy: strict-origin-when-cross-origin`, a `Permissions-Policy` denying sensors, camera, microphone,
 *   geolocation and payment, and `Strict-Transport-Security` when the request came over https.
 * @param nonce base64, fresh per request
 * @param realtimeUrl where the browser opens socket.io (`REALTIME_PUBLIC_URL`, by default `BFF_PUBLIC_URL`)
 * @param https whether the page is served over https (directly or behind a TLS-terminating proxy)
 */
export function securityHeaders(nonce: string, realtimeUrl: string, https: boolean): Record<string, string> {
  const realtime = new URL(realtimeUrl);
  const realtimeWs = `${realtime.protocol === 'https:' ? 'wss:' : 'ws:'}//${realtime.host}`;
  // NODE_ENV is inlined by Next.js at build time; it is not a setting of the running portal.
  // eslint-disable-next-line no-restricted-properties
  const dev = process.env.NODE_ENV === 'development';
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self' ${realtime.origin} ${realtimeWs}`,
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
  return {
    'Content-Security-Policy': csp,
    'X-Frame-Options': 'DENY',
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy':
      'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
    ...(https ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

/**
 * Next.js proxy (the former middleware) on every page: a fresh nonce per request, passed to the render in the
 * request's `Content-Security-Policy` and `x-nonce` headers (Next.js adds it to its scripts), and the security
 * headers on the response. Pages render per request (the root layout awaits `connection()`), so the nonce is fresh.
 */
export function proxy(request: NextRequest): NextResponse {
  const nonce = Buffer.from(crypto.randomUUID()).toString('base64');
  const https = request.nextUrl.protocol === 'https:' || request.headers.get('x-forwarded-proto') === 'https';
  const headers = securityHeaders(nonce, serverEnv().REALTIME_PUBLIC_URL, https);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy'] ?? '');
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  // Pages only: the /api/v1 proxy passes the BFF's own headers; built assets are immutable files.
  matcher: [{ source: '/((?!api/|_next/static|_next/image|favicon.ico).*)' }],
};
