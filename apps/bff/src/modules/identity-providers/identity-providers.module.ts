import { Module } from '@nestjs/common';
import { IdentityProviderSecrets } from './identity-provider-secrets';
import { IdentityProvidersRepository } from './identity-providers.repository';
import { IdentityProvidersService } from './identity-providers.service';
import { OidcClientConfigurations } from '../../integrations/oidc/oidc-client-configurations';

/**
 * Account OpenID Connect identity providers: storage (secrets sealed), administration and the providers' discovered
 * client configurations, shared by platform administration and the sign-in.
 */
@Module({
  providers: [
    IdentityProvidersRepository,
    IdentityProviderSecrets,
    IdentityProvidersService,
    OidcClientConfigurations,
  ],
  exports: [
    IdentityProvidersRepository,
    IdentityProviderSecrets,
    IdentityProvidersService,
    OidcClientConfigurations,
  ],
})
export class IdentityProvidersModule {}
