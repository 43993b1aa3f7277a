import { Module } from '@nestjs/common';
import { CrmProvider } from '../../modules/support/crm.provider';
import { SalesforceCrmProvider } from './salesforce-crm.provider';
import { SalesforceClient } from './salesforce.client';

/** Salesforce adapter: provides {@link CrmProvider}. */
@Module({
  providers: [SalesforceClient, SalesforceCrmProvider, { provide: CrmProvider, useExisting: SalesforceCrmProvider }],
  exports: [CrmProvider],
})
export class SalesforceModule {}
