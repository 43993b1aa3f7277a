import { Global, Module } from '@nestjs/common';
import { RedisConnections } from './redis.provider';

/** Global module exporting {@link RedisConnections}. */
@Global()
@Module({ providers: [RedisConnections], exports: [RedisConnections] })
export class RedisModule {}
