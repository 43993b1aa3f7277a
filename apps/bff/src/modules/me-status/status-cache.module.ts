import { Module } from '@nestjs/common';
import { StatusCacheService } from './status-cache.service';

/** The dashboard block cache alone, for modules the dashboard itself depends on (usage invalidates its block). */
@Module({ providers: [StatusCacheService], exports: [StatusCacheService] })
export class StatusCacheModule {}
