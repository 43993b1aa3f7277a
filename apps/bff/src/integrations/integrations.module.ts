import { Global, Module } from '@nestjs/common';
import { SalesforceModule } from './salesforce/salesforce.module';
import { UpstreamHealth } from './upstream/upstream-health.port';
import { UpstreamModule } from './upstream/upstream.module';
import { UpstreamRegistry } from './upstream/upstream.registry';
import { WhmcsModule } from './whmcs/whmcs.module';

/**
 * The upstream adapters, provided once for the whole application: WHMCS as {@link BillingProvider}, Salesforce as
 * {@link CrmProvider}, and their resilience registry as {@link UpstreamHealth}. Feature modules inject the ports and
 * import none of the integrations.
 */
@Global()
@Module({
  imports: [UpstreamModule, WhmcsModule, SalesforceModule],
  providers: [{ provide: UpstreamHealth, useExisting: UpstreamRegistry }],
  exports: [WhmcsModule, SalesforceModule, UpstreamHealth],
})
export class IntegrationsModule {}
