import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { ApiErrorBody, ApiErrorCode } from '@portico/domain';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Prefix of the JSON API; webhooks (`/webhooks/*`) take their providers' media types and are signed instead. */
export const API_PATH_PREFIX = '/api/v1/';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Media types a path takes besides `application/json` (see {@link allowBodyMediaTypes}). */
const extraMediaTypes = new Map<string, ReadonlySet<string>>();

/**
 * Lets the route at `path` (exact, without query string) take bodies of `mediaTypes` besides `application/json`, e.g.
 * NDJSON on the usage ingestion route. Only types a browser form cannot send belong here (never
 * `application/x-www-form-urlencoded`, `multipart/form-data` or `text/plain`): those need a CORS preflight, so the
 * login-CSRF guard holds.
 */
export function allowBodyMediaTypes(path: string, mediaTypes: readonly string[]): void {
  extraMediaTypes.set(path, new Set(mediaTypes.map((t) => t.toLowerCase())));
}

/** Whether a state-changing request to `url` may carry a body of `mediaType`. */
export function bodyMediaTypeAllowed(url: string, mediaType: string | undefined): boolean {
  if (mediaType === 'application/json') return true;
  if (mediaType === undefined) return false;
  return extraMediaTypes.get(url.split('?')[0] ?? url)?.has(mediaType) === true;
}

/** Sends `{ code, message, requestId }` with `status` (for hooks that answer before any route runs). */
export function sendError(
  reply: FastifyReply,
  status: number,
  code: ApiErrorCode,
  message: string,
): FastifyReply {
  const body: ApiErrorBody = { code, message, requestId: String(reply.request.id ?? '') };
  return reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
}

/** The media type of a `Content-Type` header, lower-cased and without parameters (`application/json`). */
export function mediaTypeOf(contentType: string | undefined): string | undefined {
  return contentType?.split(';')[0]?.trim().toLowerCase() || undefined;
}

/** Whether a request announces a body: a non-zero `Content-Length` or any `Transfer-Encoding`. */
export function hasBody(headers: Record<string, string | string[] | undefined>): boolean {
  if (headers['transfer-encoding'] !== undefined) return true;
  const length = headers['content-length'];
  return typeof length === 'string' && length !== '0';
}

/**
 * Why a state-changing request must be refused as cross-site, or null: an `Origin` other than the portal's, or
 * `Sec-Fetch-Site: cross-site`. Requests without either header are not made by a browser page on another site
 * (browsers send `Origin` on every cross-origin POST), so API keys and server clients pass.
 */
export function crossSiteReason(
  headers: Record<string, string | string[] | undefined>,
  portalOrigin: string,
): string | null {
  const origin = headers.origin;
  if (typeof origin === 'string' && origin !== new URL(portalOrigin).origin)
    return `Origin ${origin.slice(0, 100)} is not allowed`;
  if (headers['sec-fetch-site'] === 'cross-site') return 'Cross-site requests are not allowed';
  return null;
}

/**
 * Refuses, before the body is read, what `/api/v1` never takes: a state-changing request whose body is not
 * `application/json` (415 `unsupported_media_type`: a form post from another site needs no CORS preflight, so this is
 * what stops login CSRF), and a state-changing request from another site's page (403 `csrf_failed`, for the routes
 * that run before a session exists as much as for cookie-authenticated ones). A 413 answer closes the connection:
 * the rest of the refused body is never read, so the socket could not carry another request.
 */
export function registerRequestBoundary(fastify: FastifyInstance, portalOrigin: string): void {
  fastify.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method) || !request.url.startsWith(API_PATH_PREFIX)) return;
    const crossSite = crossSiteReason(request.headers, portalOrigin);
    if (crossSite) return sendError(reply, 403, 'csrf_failed', crossSite);
    if (
      hasBody(request.headers) &&
      !bodyMediaTypeAllowed(request.url, mediaTypeOf(request.headers['content-type']))
    ) {
      return sendError(reply, 415, 'unsupported_media_type', 'Send the request body as application/json');
    }
    return undefined;
  });
  fastify.addHook('onSend', async (_request, reply, payload) => {
    if (reply.statusCode === 413) void reply.header('connection', 'close');
    return payload;
  });
}

const CLIENT_ERRORS: Record<string, { status: number; reason: string; code: ApiErrorCode; message: string }> =
  {
    HPE_HEADER_OVERFLOW: {
      status: 431,
      reason: 'Request Header Fields Too Large',
      code: 'request_too_large',
      message: 'The request line or headers are too large',
    },
    ERR_HTTP_REQUEST_TIMEOUT: {
      status: 408,
      reason: 'Request Timeout',
      code: 'validation_failed',
      message: 'The request took too long to arrive',
    },
  };

/**
 * Fastify `clientErrorHandler`: what Node's HTTP parser refuses before any route (headers or URL over the limit,
 * malformed requests) is answered in the contract, `{ code, message, requestId }`, and the socket closed.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const known = (err.code && CLIENT_ERRORS[err.code]) || {
    status: 400,
    reason: 'Bad Request',
    code: 'validation_failed' as const,
    message: 'Malformed HTTP request',
  };
  const body = JSON.stringify({
    code: known.code,
    message: known.message,
    requestId: randomUUID(),
  } satisfies ApiErrorBody);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${known.status} ${known.reason}\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
