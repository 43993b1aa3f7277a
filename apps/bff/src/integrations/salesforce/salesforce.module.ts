import { Module } from '@nestjs/common';
import { UpstreamModule } from '../upstream/upstream.module';
import { CrmProvider } from '../../modules/support/crm.provider';
import { SalesforceCrmProvider } from './salesforce-crm.provider';
import { SalesforceClient } from './salesforce.client';

/** Salesforce adapter: provides {@link CrmProvider}. */
@Module({
  imports: [UpstreamModule],
  providers: [
    SalesforceClient,
    SalesforceCrmProvider,
    { provide: CrmProvider, useExisting: SalesforceCrmProvider },
  ],
  exports: [CrmProvider],
})
export class SalesforceModule {}
