import { Module } from '@nestjs/common';
import { WhmcsModule } from '../../integrations/whmcs/whmcs.module';
import { BillingController } from './billing.controller';
import { BillingService } from './billing.service';

/** Invoice and subscription routes over {@link BillingProvider}. */
@Module({
  imports: [WhmcsModule],
  controllers: [BillingController],
  providers: [BillingService],
})
export class BillingModule {}
