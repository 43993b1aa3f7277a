import { Module } from '@nestjs/common';
import { SalesforceModule } from '../../integrations/salesforce/salesforce.module';
import { WhmcsModule } from '../../integrations/whmcs/whmcs.module';
import { HealthController } from './health.controller';
import { HealthRepository } from './health.repository';
import { HealthService } from './health.service';

/** `GET /health/live` and `GET /health/ready`. */
@Module({
  imports: [WhmcsModule, SalesforceModule],
  controllers: [HealthController],
  providers: [HealthRepository, HealthService],
})
export class HealthModule {}
