import { Global, Module } from '@nestjs/common';
import { RedisConnections } from '../redis/redis.provider';
import { CachePort } from './cache.port';
import { MemoryCacheAdapter } from './memory-cache.adapter';
import { RedisCacheAdapter } from './redis-cache.adapter';

/** Global module providing {@link CachePort}: Redis when `REDIS_URL` is set, else an in-memory LRU. */
@Global()
@Module({
  providers: [
    {
      provide: CachePort,
      inject: [RedisConnections],
      useFactory: (redis: RedisConnections): CachePort =>
        redis.enabled ? new RedisCacheAdapter(redis.client()) : new MemoryCacheAdapter(),
    },
  ],
  exports: [CachePort],
})
export class CacheModule {}
