import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { withDomainSchemas } from './openapi-schemas';
import { Logger } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AppModule } from '../../app.module';
import type { Env } from '../config/env';
import { REQUEST_ID_HEADER, requestIdOf } from '../logging/request-id';
import { AllExceptionsFilter } from './all-exceptions.filter';
import { clientErrorHandler, registerRequestBoundary } from './request-boundary';
import { MetricsService } from '../metrics/metrics.service';
import { registerMetricsRoute, startMetricsServer } from '../metrics/metrics.route';

/**
 * Builds the Nest application on Fastify with every cross-cutting concern wired: request ids, pino logger, cookies,
 * CORS for the portal, the global error filter and Swagger at `/api/docs` (socket.io is started by the realtime module). Does not listen.
 * @param env validated environment with DATABASE_URL resolved
 */
export async function createApp(
  env: Env,
  options: { bufferLogs?: boolean } = {},
): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    genReqId: (req: IncomingMessage) => requestIdOf(req),
    // X-Forwarded-For is believed only from TRUSTED_PROXIES (default: loopback, the portal's proxy); `false` when
    // none, so the socket's peer is the client.
    trustProxy: env.TRUSTED_PROXIES.length > 0 ? env.TRUSTED_PROXIES.join(',') : false,
    bodyLimit: 1_048_576,
    clientErrorHandler,
  });
  adapter.getInstance().addHook('onRequest', async (request, reply) => {
    void reply.header(REQUEST_ID_HEADER, request.id);
  });
  registerRequestBoundary(adapter.getInstance(), env.PORTAL_ORIGIN);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.forRoot(env), adapter, {
    bufferLogs: options.bufferLogs ?? true,
  });
  const metrics = app.get(MetricsService);
  // Every request by its route template (`unmatched` for 404s of unknown paths), method and status.
  adapter.getInstance().addHook('onResponse', async (request, reply) => {
    metrics.httpRequest(
      request.routeOptions.url ?? 'unmatched',
      request.method,
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
  registerMetricsRoute(adapter.getInstance(), metrics, env);
  if (env.METRICS_PORT !== undefined) {
    const server = await startMetricsServer(metrics, env, env.METRICS_PORT);
    adapter.getInstance().addHook('onClose', async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    });
  }
  app.useLogger(app.get(Logger));
  await app.register(fastifyCookie);
  // Security headers on every answer. The API serves JSON (and the Swagger page at /api/docs): no page may frame it.
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: true,
      // No upgrade-insecure-requests: the Swagger page is served over plain http in development.
      directives: {
        'frame-ancestors': ["'none'"],
        'form-action': ["'self'"],
        'upgrade-insecure-requests': null,
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'no-referrer' },
    // The portal's page (another origin in development) opens socket.io against this server.
    crossOriginResourcePolicy: { policy: 'same-site' },
  });
  app.enableCors({ origin: env.PORTAL_ORIGIN, credentials: true, exposedHeaders: [REQUEST_ID_HEADER] });
  app.useGlobalFilters(new AllExceptionsFilter());
  app.enableShutdownHooks();
  // Built on the first request for it: the document is large and rarely read, so it costs no memory until then.
  const document = (): ReturnType<typeof withDomainSchemas> =>
    withDomainSchemas(
      SwaggerModule.createDocument(
        app,
        new DocumentBuilder()
          .setTitle('Portico BFF')
          .setDescription('Customer self-service portal API. Errors: { code, message, requestId, details? }.')
          .setVersion('1')
          .addCookieAuth('portico_at')
          .build(),
      ),
    );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
  return app;
}
