import type { NextRequest } from 'next/server';
import { serverEnv } from '@/env';

/**
 * Same-origin API: the browser calls `/api/v1/...` on the portal and this handler forwards the request to the BFF
 * (`BFF_INTERNAL_URL`, read at request time so one build runs behind any address). The BFF's httpOnly cookies
 * therefore live on the portal's origin. Bodies stream through (at most {@link MAX_BODY_BYTES}); the BFF's status,
 * body and `Set-Cookie` headers pass through unchanged, its errors included.
 */
export const dynamic = 'force-dynamic';

/** Largest request body forwarded, bytes: the BFF's own limit. A larger one is answered 413 here. */
export const MAX_BODY_BYTES = 1_048_576;

/**
 * Request headers not forwarded: this hop's own, and every header that claims where the client is. The client's
 * address is sent as `X-Forwarded-For` from what the portal's server saw (see `server.mjs`), never from the client.
 */
const NOT_FORWARDED = new Set([
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
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
  'x-client-ip',
  'true-client-ip',
  'cf-connecting-ip',
]);

/** The contract's error body from the portal itself, with the request's id. */
function errorResponse(
  status: number,
  code: string,
  message: string,
  requestId: string,
  extra: Record<string, string> = {},
): Response {
  return Response.json(
    { code, message, requestId },
    { status, headers: { 'x-content-type-options': 'nosniff', ...extra } },
  );
}

/** The request body as a stream that fails with {@link BodyTooLarge} past `limit` bytes. */
class BodyTooLarge extends Error {}
function limited(body: ReadableStream<Uint8Array>, limit: number): ReadableStream<Uint8Array> {
  let seen = 0;
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength;
        if (seen > limit) controller.error(new BodyTooLarge());
        else controller.enqueue(chunk);
      },
    }),
  );
}

async function forward(
  request: NextRequest,
  { params }: { params: Promise<{ path?: string[] }> },
): Promise<Response> {
  const { path = [] } = await params;
  const requestId = request.headers.get('x-request-id') ?? crypto.randomUUID();
  // `..` would leave /api/v1 on the BFF once the URL is normalised: no such API route exists.
  if (path.length === 0 || path.some((segment) => segment === '.' || segment === '..')) {
    return errorResponse(404, 'not_found', 'Not found', requestId);
  }
  const target = new URL(`${serverEnv().BFF_INTERNAL_URL}/api/v1/${path.map(encodeURIComponent).join('/')}`);
  target.search = request.nextUrl.search;

  const headers = new Headers();
  request.headers.forEach((value, name) => {
    if (!NOT_FORWARDED.has(name.toLowerCase())) headers.set(name, value);
  });
  headers.set('x-request-id', requestId);
  // `server.mjs` replaced any client-sent X-Forwarded-For with the address it saw (one address).
  const clientAddress = request.headers.get('x-forwarded-for')?.split(',').at(-1)?.trim();
  if (clientAddress) headers.set('x-forwarded-for', clientAddress);
  headers.set('x-forwarded-host', request.headers.get('host') ?? '');
  headers.set('x-forwarded-proto', request.nextUrl.protocol.replace(':', ''));

  const hasBody = request.method !== 'GET' && request.method !== 'HEAD' && request.body !== null;
  const declared = Number(request.headers.get('content-length') ?? '0');
  if (hasBody && declared > MAX_BODY_BYTES) {
    return errorResponse(
      413,
      'payload_too_large',
      `The request body is over ${MAX_BODY_BYTES} bytes`,
      requestId,
      { connection: 'close' },
    );
  }
  let upstream: Response;
  try {
    upstream = await fetch(target, {
      method: request.method,
      headers,
      body: hasBody && request.body ? limited(request.body, MAX_BODY_BYTES) : undefined,
      // Required by fetch for a streamed request body.
      duplex: 'half',
      redirect: 'manual',
      cache: 'no-store',
    } as RequestInit & { duplex: 'half' });
  } catch (err) {
    if (err instanceof BodyTooLarge || (err instanceof Error && err.cause instanceof BodyTooLarge)) {
      return errorResponse(
        413,
        'payload_too_large',
        `The request body is over ${MAX_BODY_BYTES} bytes`,
        requestId,
        { connection: 'close' },
      );
    }
    return errorResponse(502, 'upstream_unavailable', 'The portal could not reach its API.', requestId);
  }

  const responseHeaders = new Headers();
  upstream.headers.forEach((value, name) => {
    const key = name.toLowerCase();
    if (
      key === 'set-cookie' ||
      key === 'content-encoding' ||
      key === 'content-length' ||
      key === 'transfer-encoding' ||
      key === 'connection'
    )
      return;
    responseHeaders.set(name, value);
  });
  for (const cookie of upstream.headers.getSetCookie()) responseHeaders.append('set-cookie', cookie);
  return new Response(upstream.status === 204 || upstream.status === 304 ? null : upstream.body, {
    status: upstream.status,
    headers: responseHeaders,
  });
}

export { forward as GET, forward as POST, forward as PUT, forward as PATCH, forward as DELETE };
