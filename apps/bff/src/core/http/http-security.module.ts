import { Global, Module } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { ENV } from '../config/config.module';
import type { Env } from '../config/env';
import { RedisConnections } from '../redis/redis.provider';
import { CsrfGuard } from './csrf/csrf.guard';
import { IdempotencyInterceptor } from './idempotency/idempotency.interceptor';
import { IdempotencyStore } from './idempotency/idempotency.store';
import { PathParamsPipe } from './path-params';
import { API_THROTTLER, ApiThrottlerGuard } from './throttling/api-throttler.guard';
import { LoginLockoutService } from './throttling/login-lockout.service';
import { MemoryRateLimitStore, RateLimitStore, RedisRateLimitStore } from './throttling/rate-limit.store';

/** Provides the {@link RateLimitStore}: Redis when REDIS_URL is set, else this process's memory. */
@Module({
  providers: [
    {
      provide: RateLimitStore,
      inject: [RedisConnections],
      useFactory: (redis: RedisConnections): RateLimitStore =>
        redis.enabled ? new RedisRateLimitStore(redis.client()) : new MemoryRateLimitStore(),
    },
  ],
  exports: [RateLimitStore],
})
export class RateLimitStoreModule {}

/**
 * Abuse controls on every HTTP route, as global guards in this order: the per-user API limit
 * ({@link ApiThrottlerGuard}, `@nestjs/throttler` on the {@link RateLimitStore}: Redis when REDIS_URL is set), then
 * the CSRF check ({@link CsrfGuard}); every path parameter parsed by its schema ({@link PathParamsPipe}); `Idempotency-Key` on every
 * mutating route ({@link IdempotencyInterceptor}). Also provides {@link LoginLockoutService} for the login routes.
 */
@Global()
@Module({
  imports: [
    RateLimitStoreModule,
    ThrottlerModule.forRootAsync({
      imports: [RateLimitStoreModule],
      inject: [ENV, RateLimitStore],
      useFactory: (env: Env, store: RateLimitStore) => ({
        throttlers: [{ name: API_THROTTLER, ttl: 60_000, limit: env.RATE_LIMIT_API_PER_MINUTE }],
        storage: store,
      }),
    }),
  ],
  providers: [
    LoginLockoutService,
    { provide: APP_GUARD, useClass: ApiThrottlerGuard },
    { provide: APP_GUARD, useClass: CsrfGuard },
    { provide: APP_PIPE, useClass: PathParamsPipe },
    IdempotencyStore,
    { provide: APP_INTERCEPTOR, useClass: IdempotencyInterceptor },
  ],
  exports: [RateLimitStoreModule, LoginLockoutService],
})
export class HttpSecurityModule {}
