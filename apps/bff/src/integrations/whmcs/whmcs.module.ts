import { Module } from '@nestjs/common';
import { UpstreamModule } from '../upstream/upstream.module';
import { BillingProvider } from '../../modules/billing/billing.provider';
import { WhmcsBillingProvider } from './whmcs-billing.provider';
import { WhmcsClient } from './whmcs.client';

/** WHMCS adapter: provides {@link BillingProvider}. */
@Module({
  imports: [UpstreamModule],
  providers: [
    WhmcsClient,
    WhmcsBillingProvider,
    { provide: BillingProvider, useExisting: WhmcsBillingProvider },
  ],
  exports: [BillingProvider],
})
export class WhmcsModule {}
