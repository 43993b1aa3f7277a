import type { NextRequest } from 'next/server';
import { serverEnv } from '@/env';

/**
 * Same-origin API: the browser calls `/api/v1/...` on the portal and this handler forwards the request to the BFF
 * (`BFF_INTERNAL_URL`, read at request time so one build runs behind any address). The BFF's httpOnly cookies
 * therefore live on the portal's origin. Bodies and `Set-Cookie` headers pass through unchanged.
 */
export const dynamic = 'force-dynamic';

/** Request headers that belong to this hop only and are not forwarded. */
const HOP_BY_HOP = new Set([
  'host',
  'connection',
  'keep-alive',
  'transfer-encoding',
  'upgrade',
  'proxy-connection',
  'te',
  'trailer',
  'content-length',
  'accept-encoding',
]);

async function forward(request: NextRequest, { params }: { params: Promise<{ path: string[] }> }): Promise<Response> {
  const { path } = await params;
  const target = new URL(`${serverEnv().BFF_INTERNAL_URL}/api/v1/${path.map(encodeURIComponent).join('/')}`);
  target.search = request.nextUrl.search;

  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name.toLowerCase())) headers.set(name, value);
  });
  const forwardedFor = request.headers.get('x-forwarded-for');
  const clientIp = request.headers.get('x-real-ip');
  if (!forwardedFor && clientIp) headers.set('x-forwarded-for', clientIp);
  headers.set('x-forwarded-host', request.headers.get('host') ?? '');
  headers.set('x-forwarded-proto', request.nextUrl.protocol.replace(':', ''));

  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody ? await request.arrayBuffer() : undefined,
      redirect: 'manual',
      cache: 'no-store',
    });
  } catch {
    return Response.json(
      { code: 'upstream_unavailable', message: 'The portal could not reach its API.', requestId: headers.get('x-request-id') ?? 'none' },
      { status: 502 },
    );
  }

  const responseHeaders = new Headers();
  upstream.headers.forEach((value, name) => {
    const key = name.toLowerCase();
    if (key === 'set-cookie' || key === 'content-encoding' || key === 'content-length' || key === 'transfer-encoding' || key === 'connection') return;
    responseHeaders.set(name, value);
  });
  for (const cookie of upstream.headers.getSetCookie()) responseHeaders.append('set-cookie', cookie);
  return new Response(upstream.status === 204 || upstream.status === 304 ? null : upstream.body, {
    status: upstream.status,
    headers: responseHeaders,
  });
}

export { forward as GET, forward as POST, forward as PUT, forward as PATCH, forward as DELETE };
