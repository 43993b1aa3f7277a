import { Module } from '@nestjs/common';
import { SalesforceModule } from '../../integrations/salesforce/salesforce.module';
import { WhmcsModule } from '../../integrations/whmcs/whmcs.module';
import { UsageModule } from '../usage/usage.module';
import { MeStatusController } from './me-status.controller';
import { MeStatusService } from './me-status.service';
import { StatusCacheModule } from './status-cache.module';

/** The dashboard aggregate; exports {@link StatusCacheService} for webhooks and writes that invalidate blocks. */
@Module({
  imports: [WhmcsModule, SalesforceModule, UsageModule, StatusCacheModule],
  controllers: [MeStatusController],
  providers: [MeStatusService],
  exports: [StatusCacheModule],
})
export class MeStatusModule {}
