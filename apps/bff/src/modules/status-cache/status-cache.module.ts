import { Global, Module } from '@nestjs/common';
import { StatusCacheService } from './status-cache.service';

/**
 * The status document's per-block stale-while-revalidate cache, one instance for the application: the status
 * document reads it, and usage, billing webhooks, reconciliation, support and the admin invalidate its blocks.
 */
@Global()
@Module({ providers: [StatusCacheService], exports: [StatusCacheService] })
export class StatusCacheModule {}
