import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ENV } from '../../../core/config/config.module';
import type { Env } from '../../../core/config/env';
import { AppException } from '../../../core/http/app.exception';
import { RateLimitStore } from '../../../core/http/throttling/rate-limit.store';
import type { ApiKeyPrincipal } from '../api-keys/api-key.repository';
import { ApiKeysService } from '../api-keys/api-keys.service';

/** Name of the per-key ingestion limit (the policy name of its `RateLimit*` headers). */
export const INGEST_THROTTLER = 'usage_ingest';

/** A request authenticated by a usage API key. */
export type ApiKeyRequest = FastifyRequest & { apiKey?: ApiKeyPrincipal };

/**
 * Authenticates `POST /api/v1/usage/samples` by API key (`Authorization: Bearer ptk_...`), not by session: 401
 * `unauthenticated` for a missing, unknown or revoked key, 403 `forbidden` without the `usage:write` scope. Then
 * the per-key limit, `USAGE_INGEST_RATE_LIMIT_PER_MINUTE` batches in fixed one-minute windows on the shared
 * {@link RateLimitStore} (Redis with `REDIS_URL`): `RateLimit-Policy` / `RateLimit` headers, 429 `rate_limited`
 * with `Retry-After` past it. (The per-user limit and the CSRF check do not apply: the route is marked for both.)
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly keys: ApiKeysService,
    private readonly limits: RateLimitStore,
    @Inject(ENV) private readonly env: Env,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ApiKeyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match?.[1]) throw AppException.unauthenticated('Send a usage API key: Authorization: Bearer <key>');
    const key = await this.keys.authenticate(match[1]);
    if (!key) throw AppException.unauthenticated('Unknown or revoked API key');
    if (!key.scopes.includes('usage:write'))
      throw AppException.forbidden('This API key lacks the usage:write scope');
    const limit = this.env.USAGE_INGEST_RATE_LIMIT_PER_MINUTE;
    const record = await this.limits.increment(
      `key:${key.id}:q${limit}`,
      60_000,
      limit,
      60_000,
      INGEST_THROTTLER,
    );
    void reply.header('RateLimit-Policy', `"${INGEST_THROTTLER}";q=${limit};w=60`);
    if (record.isBlocked) {
      void reply.header('RateLimit', `"${INGEST_THROTTLER}";r=0;t=${record.timeToBlockExpire}`);
      throw AppException.rateLimited(
        record.timeToBlockExpire,
        `This API key sent more than ${limit} batches a minute: try again in ${record.timeToBlockExpire} s`,
      );
    }
    void reply.header(
      'RateLimit',
      `"${INGEST_THROTTLER}";r=${Math.max(0, limit - record.totalHits)};t=${record.timeToExpire}`,
    );
    request.apiKey = key;
    return true;
  }
}
