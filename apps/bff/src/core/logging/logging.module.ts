import { Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { ENV } from '../config/config.module';
import type { Env } from '../config/env';
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

/** nestjs-pino with one request id per request and redaction of secrets. */
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
          customProps: () => ({ service: 'bff' }),
          serializers: {
            req: (req: { id: unknown; method: unknown; url: unknown; headers: unknown }) => ({
              id: req.id,
              method: req.method,
              url: req.url,
              headers: req.headers,
            }),
          },
        },
      }),
    }),
  ],
})
export class LoggingModule {}
