import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Header carrying the request id in and out. */
export const REQUEST_ID_HEADER = 'x-request-id';

const VALID_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * The request id of an incoming request: the caller's `x-request-id` when it is 1-128 safe characters
 * (letters, digits, `._:-`), else a new UUID. Memoised on the raw request so Fastify and pino agree.
 */
export function requestIdOf(req: IncomingMessage): string {
  const holder = req as IncomingMessage & { porticoRequestId?: string };
  if (holder.porticoRequestId) return holder.porticoRequestId;
  const header = req.headers[REQUEST_ID_HEADER];
  const candidate = Array.isArray(header) ? header[0] : header;
  const id = candidate !== undefined && VALID_REQUEST_ID.test(candidate) ? candidate : randomUUID();
  holder.porticoRequestId = id;
  return id;
}
