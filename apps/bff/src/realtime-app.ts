import { Redis } from 'ioredis';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import pino from 'pino';
import { AccessTokenVerifier } from './core/auth/access-token-verifier';
import { cookieNames } from './core/auth/auth-cookies';
import { isSessionRevoked } from './core/auth/revoked-sessions';
import { RedisCacheAdapter } from './core/cache/redis-cache.adapter';
import type { Env } from './core/config/env';
import { appDatabaseUrl } from './core/database/app-role';
import { PortInUseError } from './core/database/postgres-cluster';
import { RedisEventBus } from './core/events/redis-event-bus.adapter';
import type { ProcessLog } from './core/logging/process-log';
import { requestIdOf } from './core/logging/request-id';
import { METRICS_PATH, METRICS_UNAUTHORIZED_MESSAGE, metricsAuthorized } from './core/metrics/metrics.route';
import { MetricsService } from './core/metrics/metrics.service';
import { ScopedPool } from './core/prisma/scoped-pool';
import { PgMembershipLookup } from './modules/realtime/membership-lookup';
import { RealtimeServer } from './modules/realtime/realtime.server';

/** A running realtime process (see {@link startRealtime}). */
export interface RunningRealtime {
  /** `http://<host>:<port>` it listens on (the port actually bound when `REALTIME_PORT` is 0). */
  readonly url: string;
  /** The socket.io server (tests). */
  readonly realtime: RealtimeServer;
  /** Disconnects every client, then closes the HTTP server, the pool and the Redis connections. */
  close(): Promise<void>;
}

/** A {@link ProcessLog} writing through `log` (pino) with `context`, for the classes shared with the BFF. */
function pinoProcessLog(log: pino.Logger, context: string): ProcessLog {
  const child = log.child({ context });
  const write =
    (method: 'info' | 'error' | 'warn' | 'debug') =>
    (message: unknown, ...params: unknown[]): void => {
      if (typeof message === 'object' && message !== null) {
        child[method](message, typeof params[0] === 'string' ? params[0] : '');
      } else {
        child[method](String(message));
      }
    };
  return { log: write('info'), error: write('error'), warn: write('warn'), debug: write('debug') };
}

/**
 * Starts the separate realtime process's server (`REALTIME_PROCESS=separate`): the same {@link RealtimeServer} the
 * BFF hosts (Origin check, access cookie, revoked-session denylist, membership and two-factor checks on
 * `join_account`, sockets closed on every access change), over lean ports and without loading Nest or Prisma: the
 * access token verified by the BFF's own {@link AccessTokenVerifier}, the denylist read from the shared Redis cache,
 * memberships read over node-postgres in the user's row-level-security scope, events and access changes taken from
 * the Redis event bus (`relay: 'bus'`). Logs JSON lines through pino at `LOG_LEVEL`. Serves `GET /health/live` and, on the same port, `GET /metrics` behind `METRICS_TOKEN`
 * (401 without it, as on the BFF).
 * @param env the validated environment; needs REDIS_URL and a resolved DATABASE_URL (a server's, or the embedded
 *   one a BFF runs)
 * @throws PortInUseError when REALTIME_PORT is taken
 * @throws Error when REDIS_URL or DATABASE_URL is unset
 */
export async function startRealtime(env: Env): Promise<RunningRealtime> {
  if (env.REDIS_URL === undefined) throw new Error('the realtime process needs REDIS_URL');
  if (env.DATABASE_URL === undefined) throw new Error('the realtime process needs DATABASE_URL');
  const log = pino({ level: env.LOG_LEVEL, base: { process: 'realtime' } });
  const connect = (role: string): Redis => {
    const redis = new Redis(env.REDIS_URL as string, {
      maxRetriesPerRequest: 2,
      connectionName: `portico-realtime-${role}`,
    });
    redis.on('error', (err: Error) => log.warn(`Redis ${role} connection error: ${err.message}`));
    return redis;
  };
  const client = connect('client');
  const subscriber = connect('subscriber');
  const pool = new ScopedPool({ connectionString: appDatabaseUrl(env), max: 4 });
  const bus = new RedisEventBus(client, subscriber, { logger: pinoProcessLog(log, 'RedisEventBus') });
  const cache = new RedisCacheAdapter(client);
  const verifier = new AccessTokenVerifier(env.JWT_ACCESS_SECRET);
  const metrics = new MetricsService();
  const realtime = new RealtimeServer({
    tokens: {
      accessCookieName: cookieNames(env.COOKIE_SECURE).access,
      verifyAccessToken: (token) => verifier.verify(token),
    },
    access: new PgMembershipLookup(pool),
    revocations: { isRevoked: (sessionId) => isSessionRevoked(cache, sessionId) },
    bus,
    metrics,
    portalOrigin: env.PORTAL_ORIGIN,
    relay: 'bus',
    logger: pinoProcessLog(log, 'RealtimeServer'),
  });

  const http: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    // socket.io answers its own path before this handler runs; everything else is one of these two, or 404.
    const path = (req.url ?? '/').split('?')[0];
    const json = (status: number, body: object): void => {
      res.writeHead(status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      });
      res.end(JSON.stringify(body));
    };
    if (req.method === 'GET' && path === '/health/live') {
      json(200, { status: 'ok' });
    } else if (req.method === 'GET' && path === METRICS_PATH) {
      if (
        env.METRICS_TOKEN === undefined ||
        !metricsAuthorized(req.headers.authorization, env.METRICS_TOKEN)
      ) {
        json(401, {
          code: 'unauthenticated',
          message: METRICS_UNAUTHORIZED_MESSAGE,
          requestId: requestIdOf(req),
        });
        return;
      }
      metrics.render().then(
        ({ contentType, body }) =>
          res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body),
        () =>
          json(500, {
            code: 'internal_error',
            message: 'Metrics could not be collected',
            requestId: requestIdOf(req),
          }),
      );
    } else {
      json(404, { code: 'not_found', message: 'Not found', requestId: requestIdOf(req) });
    }
  });
  realtime.attach(http);
  await bus.ready();
  try {
    await new Promise<void>((resolve, reject) => {
      http.once('error', reject);
      http.listen(env.REALTIME_PORT, env.HOST, () => {
        http.off('error', reject);
        resolve();
      });
    });
  } catch (err) {
    await realtime.close();
    await Promise.all([pool.end(), client.quit(), subscriber.quit()]).catch(() => undefined);
    throw (err as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? new PortInUseError(env.REALTIME_PORT, 'REALTIME_PORT')
      : err;
  }
  const { port } = http.address() as AddressInfo;
  const shownHost = env.HOST === '0.0.0.0' || env.HOST === '::' ? '127.0.0.1' : env.HOST;
  return {
    url: `http://${shownHost}:${port}`,
    realtime,
    async close() {
      await realtime.close();
      await new Promise<void>((resolve) => http.close(() => resolve()));
      await Promise.all([pool.end(), client.quit(), subscriber.quit()]).catch(() => undefined);
    },
  };
}
