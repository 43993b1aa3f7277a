import { Global, Logger, Module } from '@nestjs/common';
import { RedisConnections } from '../redis/redis.provider';
import { EventBus } from './event-bus.port';
import { InProcessEventBus } from './in-process-event-bus.adapter';
import { RedisEventBus } from './redis-event-bus.adapter';

/** Global module providing {@link EventBus}: Redis pub/sub when `REDIS_URL` is set, else in-process. */
@Global()
@Module({
  providers: [
    {
      provide: EventBus,
      inject: [RedisConnections],
      useFactory: (redis: RedisConnections): EventBus =>
        redis.enabled
          ? new RedisEventBus(redis.client(), redis.subscriber(), { logger: new Logger('RedisEventBus') })
          : new InProcessEventBus(),
    },
  ],
  exports: [EventBus],
})
export class EventsModule {}
