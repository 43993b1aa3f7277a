import { Injectable, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerRequest,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { hashRefreshToken, TokenService } from '../../auth';
import { AppException } from '../app.exception';

/** Name of the per-user API throttler (also the policy name in the `RateLimit*` headers). */
export const API_THROTTLER = 'api';

/** Paths the per-user limit leaves alone: signed provider webhooks and health probes. */
const UNTHROTTLED = [/^\/webhooks\//, /^\/health(\/|$|\?)/];

/**
 * The per-user API limit (`RATE_LIMIT_API_PER_MINUTE`, fixed one-minute windows in the {@link RateLimitStore}).
 * Requests count against the signed-in user (access token), else the session (refresh cookie), else the client IP.
 * Every counted answer carries the IETF draft headers `RateLimit-Policy: "api";q=<limit>;w=<window s>` and
 * `RateLimit: "api";r=<remaining>;t=<reset s>`; a refused one is 429 `rate_limited` with `Retry-After` (seconds).
 */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly tokens: TokenService,
  ) {
    super(options, storage, reflector);
  }

  protected override async shouldSkip(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const url = context.switchToHttp().getRequest<FastifyRequest>().url;
    return UNTHROTTLED.some((pattern) => pattern.test(url));
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    const request = req as unknown as FastifyRequest & { cookies?: Record<string, string | undefined> };
    const access = this.tokens.presentedAccessToken(request);
    const user = access ? this.tokens.verifyAccessToken(access) : null;
    if (user) return `user:${user.userId}`;
    const refresh = request.cookies?.[this.tokens.cookies.refresh];
    if (refresh) return `session:${hashRefreshToken(refresh).slice(0, 32)}`;
    return `ip:${request.ip}`;
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    return `${throttlerName}:${tracker}`;
  }

  protected override async handleRequest(props: ThrottlerRequest): Promise<boolean> {
    const { context, limit, ttl, throttler, blockDuration, getTracker, generateKey } = props;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    const name = throttler.name ?? API_THROTTLER;
    // The limit is part of the key: instances sharing Redis with another limit (a test, a rolling change) count apart.
    const key = `${generateKey(context, await getTracker(request, context), name)}:q${limit}`;
    const record = await this.storageService.increment(key, ttl, limit, blockDuration, name);
    void reply.header('RateLimit-Policy', `"${name}";q=${limit};w=${Math.ceil(ttl / 1000)}`);
    if (record.isBlocked) {
      void reply.header('RateLimit', `"${name}";r=0;t=${record.timeToBlockExpire}`);
      throw AppException.rateLimited(record.timeToBlockExpire);
    }
    void reply.header(
      'RateLimit',
      `"${name}";r=${Math.max(0, limit - record.totalHits)};t=${record.timeToExpire}`,
    );
    return true;
  }
}
