import type { FastifyRequest } from 'fastify';

/** Who made a request, for audit records: client IP, user agent, request id. */
export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  requestId: string | null;
}

/** The {@link RequestMeta} of a Fastify request. */
export function requestMeta(request: FastifyRequest): RequestMeta {
  const ua = request.headers['user-agent'];
  return { ip: request.ip ?? null, userAgent: typeof ua === 'string' ? ua : null, requestId: String(request.id) };
}
