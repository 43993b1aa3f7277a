import { createHash } from 'node:crypto';
import {
  HttpStatus,
  Injectable,
  Logger,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { catchError, concatMap, from, of, type Observable } from 'rxjs';
import type { AuthenticatedRequestState } from '../../auth/session.types';
import { AppException } from '../app.exception';
import { IdempotencyStore } from './idempotency.store';

/** Request header carrying the key (IETF httpapi draft `Idempotency-Key`). */
export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
/** Response header set on a replayed response. */
export const IDEMPOTENT_REPLAYED_HEADER = 'idempotent-replayed';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/**
 * Paths whose responses are never stored: the sign-in routes answer with session cookies and tokens (a stored copy
 * would be a second place secrets live), and webhooks deduplicate by their delivery ids.
 */
const EXCLUDED_PREFIXES = ['/api/v1/auth/', '/webhooks/'];

/**
 * The key of a request: the header's value, a bare token or a quoted Structured Field string, 1-255 visible ASCII
 * characters; undefined without the header.
 * @throws AppException 400 `validation_failed` for a malformed key
 */
export function idempotencyKeyOf(header: string | string[] | undefined): string | undefined {
  if (header === undefined) return undefined;
  const raw = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  const key = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  if (!/^[\x21-\x7E]{1,255}$/.test(key)) {
    throw AppException.validation(
      [
        {
          path: `headers.${IDEMPOTENCY_KEY_HEADER}`,
          message: 'must be 1-255 visible ASCII characters (a UUID is best)',
        },
      ],
      'Invalid Idempotency-Key',
    );
  }
  return key;
}

/**
 * The key an upstream write is made idempotent with (e.g. a Salesforce External ID): derived from the request's
 * `Idempotency-Key`, its principal and `scope` (the route's target, e.g. the account id), so a client's retry of one
 * operation reaches the upstream with the same key even when the first attempt's answer was lost; 32 hex
 * characters. Undefined without an `Idempotency-Key`.
 * @throws AppException 400 for a malformed key
 */
export function upstreamRequestKey(
  principal: string,
  header: string | string[] | undefined,
  scope: string,
): string | undefined {
  const key = idempotencyKeyOf(header);
  if (key === undefined) return undefined;
  return createHash('sha256').update(`${principal}\n${scope}\n${key}`).digest('hex').slice(0, 32);
}

/** SHA-256 of what makes two requests the same: method, path with query, and the parsed body. */
export function requestFingerprint(method: string, url: string, body: unknown): string {
  return createHash('sha256')
    .update(`${method} ${url}\n`)
    .update(body === undefined ? '' : JSON.stringify(body))
    .digest('hex');
}

/**
 * Global interceptor giving every mutating route (POST, PUT, PATCH, DELETE) the IETF httpapi `Idempotency-Key`
 * semantics, per principal (the signed-in user, or the API key) and key, for 24 hours:
 * - the first request runs; its successful response (status and JSON body) is stored and replayed on a retry with
 *   the same key and the same request, with `Idempotent-Replayed: true`, without running the handler again;
 * - the same key with a different method, path or body: 422 `idempotency_key_reused`;
 * - a retry while the first is still running: 409 `idempotency_key_in_flight` with `Retry-After: 1`;
 * - a first request that fails (any error) stores nothing, so its retry runs again.
 * Requests without the header, without a principal (not signed in), and the sign-in and webhook routes pass through.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor, OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Idempotency');
  private purgeTimer?: NodeJS.Timeout;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    // Expired rows are never replayed (claim checks expiry); the hourly purge only keeps the table small.
    this.purgeTimer = setInterval(
      () => {
        this.store
          .purgeExpired(new Date())
          .catch((err: unknown) => this.logger.warn({ err }, 'purging expired idempotency keys failed'));
      },
      60 * 60 * 1000,
    );
    this.purgeTimer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.purgeTimer);
  }

  async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    if (context.getType() !== 'http') return next.handle();
    const request = context
      .switchToHttp()
      .getRequest<FastifyRequest & AuthenticatedRequestState & { apiKey?: { id: string } }>();
    if (!MUTATING.has(request.method) || EXCLUDED_PREFIXES.some((p) => request.url.startsWith(p)))
      return next.handle();
    const key = idempotencyKeyOf(request.headers[IDEMPOTENCY_KEY_HEADER]);
    if (key === undefined) return next.handle();
    const principal = request.user
      ? `user:${request.user.userId}`
      : request.apiKey
        ? `api-key:${request.apiKey.id}`
        : undefined;
    if (principal === undefined) return next.handle();

    const claim = await this.store.claim(
      principal,
      key,
      requestFingerprint(request.method, request.url, request.body),
      new Date(),
    );
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    switch (claim.kind) {
      case 'mismatch':
        throw new AppException(
          'idempotency_key_reused',
          'This Idempotency-Key was used for a different request: send a new key',
        );
      case 'in_flight':
        throw new AppException(
          'idempotency_key_in_flight',
          'A request with this Idempotency-Key is still running: retry in a moment',
          undefined,
          { 'Retry-After': '1' },
        );
      case 'replay':
        void reply.header(IDEMPOTENT_REPLAYED_HEADER, 'true');
        return of(claim.body ?? undefined);
      case 'claimed':
        break;
    }
    const status =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler()) ??
      (request.method === 'POST' ? HttpStatus.CREATED : HttpStatus.OK);
    return next.handle().pipe(
      concatMap((body: unknown) => from(this.store.complete(principal, key, status, body).then(() => body))),
      catchError((err: unknown) =>
        from(
          this.store.release(principal, key).then(() => {
            throw err;
          }),
        ),
      ),
    );
  }
}
