import { Module } from '@nestjs/common';
import { SalesforceModule } from '../../integrations/salesforce/salesforce.module';
import { MeStatusModule } from '../me-status/me-status.module';
import { SupportController } from './support.controller';
import { SupportRepository } from './support.repository';
import { SupportService } from './support.service';

/** Case routes over {@link CrmProvider}; exports {@link SupportService} (the dashboards' case tables). */
@Module({
  imports: [SalesforceModule, MeStatusModule],
  controllers: [SupportController],
  providers: [SupportService, SupportRepository],
  exports: [SupportService],
})
export class SupportModule {}
