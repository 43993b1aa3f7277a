import { hostname } from 'node:os';
import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
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

/**
 * The `req` of an access log line: id, method, URL (emails and tokens in its query string redacted, see
 * {@link redactUrl}: `audit-events?actor=...`) and client address.
 */
export function serializeRequest(req: { id: unknown; method: unknown; url: unknown; remoteAddress?: unknown; raw?: { socket?: { remoteAddress?: unknown } } }): object {
  return {
    id: req.id,
    method: req.method,
    url: typeof req.url === 'string' ? redactUrl(req.url) : req.url,
    remoteAddress: req.remoteAddress ?? req.raw?.socket?.remoteAddress,
  };
}

/**
 * nestjs-pino with one request id per request and redaction of secrets. The access log line of a request carries
 * its id, method, URL, client address, status and time, not every header: serialising and redacting the headers
 * of every request (once for the request logger, once for the line) cost more than the cached status read itself.
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
          autoLogging: { ignore: (req) => req.url?.startsWith('/health') === true },
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
export class LoggingModule {}
