import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { Env } from '../config/env';
import { requestIdOf } from '../logging/request-id';
import type { MetricsService } from './metrics.service';

/** Path of the Prometheus endpoint. */
export const METRICS_PATH = '/metrics';

/**
 * Whether `authorization` carries `Bearer <METRICS_TOKEN>` (compared in constant time). False when no token is
 * configured: the endpoint is never open by default.
 */
export function metricsAuthorized(
  authorization: string | string[] | undefined,
  token: string | undefined,
): boolean {
  if (token === undefined) return false;
  const header = Array.isArray(authorization) ? authorization[0] : authorization;
  if (header === undefined || !/^Bearer /i.test(header)) return false;
  const given = Buffer.from(header.slice(7).trim());
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The message of a `/metrics` request refused for its token. */
export const METRICS_UNAUTHORIZED_MESSAGE = 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>';

/**
 * `GET /metrics` on the application's port: the registry in Prometheus' text format for a request with
 * `Authorization: Bearer <METRICS_TOKEN>`; 401 `{ code, message, requestId }` otherwise (also when no token is set).
 */
export function registerMetricsRoute(
  fastify: FastifyInstance,
  metrics: MetricsService,
  env: Pick<Env, 'METRICS_TOKEN'>,
): void {
  fastify.get(METRICS_PATH, async (request, reply) => {
    if (!metricsAuthorized(request.headers.authorization, env.METRICS_TOKEN)) {
      return reply
        .code(401)
        .header('www-authenticate', 'Bearer realm="metrics"')
        .send({ code: 'unauthenticated', message: METRICS_UNAUTHORIZED_MESSAGE, requestId: request.id });
    }
    const { contentType, body } = await metrics.render();
    return reply.header('content-type', contentType).header('cache-control', 'no-store').send(body);
  });
}

/**
 * A plain HTTP server for `GET /metrics` on `METRICS_HOST:METRICS_PORT` (for a scraper on a private network): no
 * token needed unless `METRICS_TOKEN` is set; every other path is 404.
 * @returns the listening server (close it on shutdown)
 */
export async function startMetricsServer(
  metrics: MetricsService,
  env: Pick<Env, 'METRICS_TOKEN' | 'METRICS_HOST'>,
  port: number,
): Promise<Server> {
  const server = createServer((req: IncomingMessage, res) => {
    const requestId = requestIdOf(req);
    const json = (status: number, code: string, message: string): void => {
      res
        .writeHead(status, { 'content-type': 'application/json; charset=utf-8' })
        .end(JSON.stringify({ code, message, requestId }));
    };
    if (req.method !== 'GET' || (req.url ?? '').split('?')[0] !== METRICS_PATH) {
      json(404, 'not_found', 'Only GET /metrics is served here');
      return;
    }
    if (env.METRICS_TOKEN !== undefined && !metricsAuthorized(req.headers.authorization, env.METRICS_TOKEN)) {
      json(401, 'unauthenticated', METRICS_UNAUTHORIZED_MESSAGE);
      return;
    }
    metrics.render().then(
      ({ contentType, body }) =>
        res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body),
      () => json(500, 'internal_error', 'Metrics could not be collected'),
    );
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, env.METRICS_HOST, () => resolve());
  });
  return server;
}
