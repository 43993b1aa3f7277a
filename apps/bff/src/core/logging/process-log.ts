import type { LoggerService } from '@nestjs/common';

/**
 * The log methods the classes shared by the BFF and the separate realtime process call: Nest's `Logger` in the BFF
 * (pino through nestjs-pino), a pino child in the realtime process (see realtime-app.ts). A type only, so those classes
 * do not load Nest. Call convention as Nest's: `(message)` or `(object, message)`.
 */
export type ProcessLog = Required<Pick<LoggerService, 'log' | 'warn' | 'error' | 'debug'>>;
