import {
  Catch,
  HttpException,
  HttpStatus,
  Logger,
  type ArgumentsHost,
  type ExceptionFilter,
} from '@nestjs/common';
import { apiErrorCodeSchema, apiErrorStatus, type ApiErrorBody, type ApiErrorCode } from '@portico/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppException } from './app.exception';

/**
 * Code of an HTTP status raised by Nest or Fastify rather than as an {@link AppException}: the inverse of the
 * domain's `apiErrorStatus` (its first code per status), plus the statuses no code of ours is sent with.
 */
const STATUS_CODES: Partial<Record<number, ApiErrorCode>> = {
  ...Object.fromEntries(
    [...apiErrorCodeSchema.options].reverse().map((code) => [apiErrorStatus[code], code] as const),
  ),
  414: 'request_too_large',
  422: 'validation_failed',
  502: 'upstream_unavailable',
  504: 'upstream_unavailable',
};

/** Fastify's own errors (body parsing, content type) carry `statusCode` and an `FST_` code. */
function isFastifyClientError(err: unknown): err is Error & { statusCode: number; code?: string } {
  if (!(err instanceof Error)) return false;
  const statusCode = (err as Error & { statusCode?: unknown }).statusCode;
  return typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500;
}

function httpExceptionMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'string') return response;
  const message = (response as { message?: unknown }).message;
  if (typeof message === 'string') return message;
  if (Array.isArray(message)) return message.map(String).join('; ');
  return exception.message;
}

/**
 * The one global exception filter: renders every error as `{ code, message, requestId, details? }`.
 * AppException as given; Nest HttpException by status; Fastify client errors (malformed JSON, bad content type)
 * as 400 `validation_failed`; anything else as 500 `internal_error` (logged with its stack, never sent).
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') {
      throw exception;
    }
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();
    const { status, body } = this.render(exception, String(request.id ?? ''));
    if (status >= 500) {
      this.logger.error({ err: exception, requestId: body.requestId }, 'Unhandled error');
    }
    if (reply.sent) return;
    if (exception instanceof AppException && exception.headers) {
      for (const [name, value] of Object.entries(exception.headers)) void reply.header(name, value);
    }
    void reply.status(status).header('content-type', 'application/json; charset=utf-8').send(body);
  }

  /** Maps an error to status and body (exposed for tests). */
  render(exception: unknown, requestId: string): { status: number; body: ApiErrorBody } {
    if (exception instanceof AppException) {
      return {
        status: exception.status,
        body: {
          code: exception.code,
          message: exception.message,
          requestId,
          ...(exception.details ? { details: exception.details } : {}),
        },
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const code = STATUS_CODES[status] ?? (status >= 500 ? 'internal_error' : 'validation_failed');
      const message = status === HttpStatus.NOT_FOUND ? 'Not found' : httpExceptionMessage(exception);
      return { status, body: { code: apiErrorCodeSchema.parse(code), message, requestId } };
    }
    if (isFastifyClientError(exception)) {
      const status = exception.statusCode;
      const code = STATUS_CODES[status] ?? 'validation_failed';
      const message = status === 400 ? `Malformed request body: ${exception.message}` : exception.message;
      return { status, body: { code, message, requestId } };
    }
    return { status: 500, body: { code: 'internal_error', message: 'Internal server error', requestId } };
  }
}
