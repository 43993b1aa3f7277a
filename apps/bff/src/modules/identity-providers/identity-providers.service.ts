import { Injectable } from '@nestjs/common';
import type { IdentityProvider, PutIdentityProviderCommand } from '@portico/domain';
import { AppException } from '../../core/http/app.exception';
import type { RequestAuditContext } from '../audit/audit-context';
import { AuditService } from '../audit/audit.service';
import { IdentityProviderSecrets, secretHint } from './identity-provider-secrets';
import {
  IdentityProviderDomainConflict,
  IdentityProvidersRepository,
  type StoredIdentityProvider,
} from './identity-providers.repository';
import {
  OidcClientConfigurations,
  OidcDiscoveryFailed,
} from '../../integrations/oidc/oidc-client-configurations';

/** The administrator's read shape: everything but the secret (only whether there is one, and a masked hint). */
export function identityProviderView(p: StoredIdentityProvider): IdentityProvider {
  return {
    id: p.id,
    accountId: p.accountId,
    issuerUrl: p.issuerUrl,
    clientId: p.clientId,
    hasClientSecret: p.clientSecretSealed !== '',
    clientSecretHint: p.clientSecretSealed === '' ? null : p.clientSecretHint,
    allowedEmailDomains: p.allowedEmailDomains,
    jitEnabled: p.jitEnabled,
    jitRole: p.jitRole,
    enabled: p.enabled,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/**
 * Platform administration of an account's OpenID Connect identity provider: read, create or replace, delete. Runs
 * in the system scope (the admin controller is `@SystemScope`). Every change is audited (never with the secret) and
 * drops the provider's cached discovery.
 */
@Injectable()
export class IdentityProvidersService {
  constructor(
    private readonly repository: IdentityProvidersRepository,
    private readonly secrets: IdentityProviderSecrets,
    private readonly configurations: OidcClientConfigurations,
    private readonly audit: AuditService,
  ) {}

  /**
   * The account's provider.
   * @throws AppException 404 `not_found` for an unknown account or an account without a provider
   */
  async get(accountId: string): Promise<IdentityProvider> {
    await this.assertAccount(accountId);
    const provider = await this.repository.findByAccount(accountId);
    if (!provider) throw AppException.notFound('This account has no identity provider');
    return identityProviderView(provider);
  }

  /**
   * Creates or replaces the account's provider. Without `clientSecret` the stored secret is kept (required on create).
   * With `verifyDiscovery` (the default) the issuer's `/.well-known/openid-configuration` is read first, with the
   * client's settings, and nothing is saved when it cannot be.
   * @returns the provider and whether it was created
   * @throws AppException 404 (unknown account), 400 `validation_failed` (no secret on create, or the stored one no
   *   longer opens under IDENTITY_PROVIDER_SECRET_KEY; the issuer's discovery
   *   document is not one of this issuer), 409 `conflict` (a domain belongs to another account's provider),
   *   503 `upstream_unavailable` (the issuer's discovery document cannot be read)
   */
  async put(
    accountId: string,
    command: PutIdentityProviderCommand,
    ctx: RequestAuditContext,
  ): Promise<{ provider: IdentityProvider; created: boolean }> {
    await this.assertAccount(accountId);
    const before = await this.repository.findByAccount(accountId);
    let sealed: string;
    let hint: string;
    let secret: string;
    if (command.clientSecret !== undefined) {
      secret = command.clientSecret;
      sealed = this.secrets.seal(secret, accountId);
      hint = secretHint(secret);
    } else if (before) {
      try {
        secret = this.secrets.open(before.clientSecretSealed, accountId);
      } catch {
        // Sealed under another IDENTITY_PROVIDER_SECRET_KEY (rotated): the administrator must enter it again.
        throw AppException.validation([
          { path: 'body.clientSecret', message: 'the stored secret cannot be read any more: enter it again' },
        ]);
      }
      sealed = before.clientSecretSealed;
      hint = before.clientSecretHint;
    } else {
      throw AppException.validation([
        { path: 'body.clientSecret', message: 'is required for a new identity provider' },
      ]);
    }
    if (command.verifyDiscovery) {
      try {
        await this.configurations.verify({
          issuerUrl: command.issuerUrl,
          clientId: command.clientId,
          clientSecret: secret,
        });
      } catch (err) {
        if (!(err instanceof OidcDiscoveryFailed)) throw err;
        if (err.reason === 'invalid') {
          throw AppException.validation(
            [
              {
                path: 'body.issuerUrl',
                message: 'serves no OpenID Connect discovery document of this issuer',
              },
            ],
            'The issuer’s discovery document does not describe this issuer',
          );
        }
        throw new AppException(
          'upstream_unavailable',
          'The issuer’s /.well-known/openid-configuration cannot be read: check the URL, or save without the check',
        );
      }
    }
    let saved: { provider: StoredIdentityProvider; created: boolean };
    try {
      saved = await this.repository.upsert(accountId, {
        issuerUrl: command.issuerUrl,
        clientId: command.clientId,
        clientSecretSealed: sealed,
        clientSecretHint: hint,
        allowedEmailDomains: [...command.allowedEmailDomains].sort(),
        jitEnabled: command.jitEnabled,
        jitRole: command.jitRole,
        enabled: command.enabled,
      });
    } catch (err) {
      if (err instanceof IdentityProviderDomainConflict) {
        const message = `Already routed to another account’s identity provider: ${err.domains.join(', ')}`;
        throw new AppException('conflict', message, [{ path: 'body.allowedEmailDomains', message }]);
      }
      throw err;
    }
    this.configurations.invalidate(saved.provider.id);
    await this.audit.record({
      ...ctx,
      accountId,
      action: saved.created ? 'admin.identity_provider_created' : 'admin.identity_provider_updated',
      target: `identity_provider:${saved.provider.id}`,
      metadata: {
        issuerUrl: saved.provider.issuerUrl,
        clientId: saved.provider.clientId,
        allowedEmailDomains: saved.provider.allowedEmailDomains.join(','),
        jitEnabled: saved.provider.jitEnabled,
        jitRole: saved.provider.jitRole,
        enabled: saved.provider.enabled,
        clientSecretChanged: command.clientSecret !== undefined,
      },
    });
    return { provider: identityProviderView(saved.provider), created: saved.created };
  }

  /**
   * Deletes the account's provider: its domains sign in with a password (or the platform provider) again.
   * @throws AppException 404 for an unknown account or an account without a provider
   */
  async delete(accountId: string, ctx: RequestAuditContext): Promise<void> {
    await this.assertAccount(accountId);
    const deleted = await this.repository.delete(accountId);
    if (!deleted) throw AppException.notFound('This account has no identity provider');
    this.configurations.invalidate(deleted.id);
    await this.audit.record({
      ...ctx,
      accountId,
      action: 'admin.identity_provider_deleted',
      target: `identity_provider:${deleted.id}`,
      metadata: { issuerUrl: deleted.issuerUrl, allowedEmailDomains: deleted.allowedEmailDomains.join(',') },
    });
  }

  private async assertAccount(accountId: string): Promise<void> {
    if (!(await this.repository.accountExists(accountId))) throw AppException.notFound('Account not found');
  }
}
