import { hostname } from 'node:os';
import { Inject, Module, RequestMethod, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { ENV } from '../config/config.module';
import type { Env } from '../config/env';
import { traceFields } from '../telemetry/telemetry';
import { redactUrl } from './redact-url';
import { requestIdOf } from './request-id';

/** Paths pino replaces with `[redacted]`: cookies, credentials, tokens and secrets anywhere they show up. */
export const REDACT_PATHS: readonly string[] = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
  'req.headers["x-csrf-token"]',
  'headers.cookie',
  'headers.authorization',
  '*.password',
  '*.passwordHash',
  '*.token',
  '*.accessToken',
  '*.refreshToken',
  '*.secret',
  '*.clientSecret',
  '*.currentPassword',
  '*.newPassword',
  '*.code',
  '*.recoveryCode',
  '*.recoveryCodes',
  '*.manualEntryKey',
  '*.qrCodeDataUrl',
  '*.csrfToken',
  '*.challengeToken',
  '*.mfaSecret',
  'password',
  'token',
  'secret',
];

/** Whether a request gets an access log line: every one but the probes. */
export function accessLogged(url: string | undefined): boolean {
  return url?.startsWith('/health') !== true;
}

/**
 * The `req` of an access log line: id, method, URL (emails and tokens in its query string redacted, see
 * {@link redactUrl}: `audit-events?actor=...`) and client address.
 */
export function serializeRequest(req: {
  id: unknown;
  method: unknown;
  url: unknown;
  remoteAddress?: unknown;
  raw?: { socket?: { remoteAddress?: unknown } };
}): object {
  return {
    id: req.id,
    method: req.method,
    url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
    remoteAddress: req.remoteAddress ?? req.raw?.socket?.remoteAddress,
  };
}

/**
 * nestjs-pino with one request id per request and redaction of secrets: every line written while handling a request
 * goes through the request's logger (`req.log`), with the redaction paths above.
 *
 * The access log line of a request (`request completed`, or `request errored` at `error` for a 5xx) carries its id,
 * method, URL (emails and tokens in its query string redacted by {@link redactUrl}), client address, status and
 * time, not every header; it is written from Fastify's `onResponse` hook by
 * a logger of its own, without the redaction pass: its fields are the whitelist just listed (no header, no body), and
 * redacting each line against the wildcard paths cost more than serving a cached status document.
 */
@Module({
  imports: [
    LoggerModule.forRootAsync({
      inject: [ENV],
      useFactory: (env: Env) => ({
        forRoutes: [{ path: '*path', method: RequestMethod.ALL }],
        pinoHttp: {
          level: env.LOG_LEVEL,
          genReqId: (req) => requestIdOf(req),
          redact: { paths: [...REDACT_PATHS], censor: '[redacted]' },
          // The access line is written by {@link LoggingModule}'s hook.
          autoLogging: false,
          // Bound once to the base logger, not per request (a per-request `customProps` makes a child logger each time).
          base: { pid: process.pid, hostname: hostname(), service: 'bff' },
          // Every line written inside a traced context carries its trace and span ids (tracing on).
          mixin: () => traceFields(),
          serializers: {
            req: serializeRequest,
            res: (res: { statusCode: unknown }) => ({ statusCode: res.statusCode }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule implements OnModuleInit {
  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly adapterHost: HttpAdapterHost,
  ) {}

  /** Installs the access log hook on the HTTP server (none in the worker, which has no HTTP server). */
  onModuleInit(): void {
    // No HTTP adapter in an application context (the worker).
    const adapter = this.adapterHost.httpAdapter as HttpAdapterHost['httpAdapter'] | undefined;
    const fastify = adapter?.getInstance<FastifyInstance>();
    if (fastify?.addHook === undefined) return;
    const access = pino({
      level: this.env.LOG_LEVEL,
      base: { pid: process.pid, hostname: hostname(), service: 'bff' },
      mixin: () => traceFields(),
    });
    if (!access.isLevelEnabled('info')) return;
    fastify.addHook('onResponse', (request, reply, done) => {
      if (accessLogged(request.url)) {
        const line = {
          req: serializeRequest({
            id: request.id,
            method: request.method,
            url: request.url,
            raw: request.raw,
          }),
          res: { statusCode: reply.statusCode },
          responseTime: Math.round(reply.elapsedTime),
        };
        if (reply.statusCode >= 500) access.error(line, 'request errored');
        else access.info(line, 'request completed');
      }
      done();
    });
  }
}
