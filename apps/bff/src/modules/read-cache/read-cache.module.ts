import { Global, Module } from '@nestjs/common';
import { ReadCacheService } from './read-cache.service';

/** The read pages' stale-while-revalidate cache, one instance for every module that reads or invalidates it. */
@Global()
@Module({ providers: [ReadCacheService], exports: [ReadCacheService] })
export class ReadCacheModule {}
