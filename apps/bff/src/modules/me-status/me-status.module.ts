import { Module } from '@nestjs/common';
import { UsageModule } from '../usage/usage.module';
import { MeStatusController } from './me-status.controller';
import { MeStatusService } from './me-status.service';

/** The dashboard aggregate; exports {@link StatusCacheService} for webhooks and writes that invalidate blocks. */
@Module({
  imports: [UsageModule],
  controllers: [MeStatusController],
  providers: [MeStatusService],
})
export class MeStatusModule {}
