import { Module } from '@nestjs/common';
import { UpstreamRegistry } from './upstream.registry';

/** Provides the one {@link UpstreamRegistry} of the instance (imported by the WHMCS and Salesforce modules). */
@Module({
  providers: [UpstreamRegistry],
  exports: [UpstreamRegistry],
})
export class UpstreamModule {}
