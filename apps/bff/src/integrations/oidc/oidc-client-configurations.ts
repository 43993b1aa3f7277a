import { Injectable, Logger } from '@nestjs/common';
import * as oidc from 'openid-client';

/** What a client configuration is made from: the provider's issuer and Portico's client there. */
export interface OidcClientSettings {
  issuerUrl: string;
  clientId: string;
  clientSecret: string;
}

/** Thrown when a provider's discovery document cannot be read or does not describe the issuer. */
export class OidcDiscoveryFailed extends Error {
  constructor(readonly reason: 'unreachable' | 'invalid') {
    super(`OpenID provider discovery failed: ${reason}`);
    this.name = 'OidcDiscoveryFailed';
  }
}

/** Seconds openid-client waits for the provider's discovery document. */
const DISCOVERY_TIMEOUT_SECONDS = 10;

/**
 * openid-client `Configuration`s (the provider's discovered metadata plus Portico's client) of the identity providers
 * (the platform provider and each account's), discovered on first use and kept per provider version: the key is the provider id and its `updatedAt`,
 * so an administrator's change is picked up by every BFF instance on its next sign-in without a shared cache, and the
 * instance that made the change drops the old entry at once ({@link invalidate}). A failed discovery is not kept.
 */
@Injectable()
export class OidcClientConfigurations {
  private readonly logger = new Logger('OidcDiscovery');
  private readonly cache = new Map<string, { version: number; configuration: Promise<oidc.Configuration> }>();

  /**
   * The configuration of provider `id` at `version` (its `updatedAt` in ms).
   * @throws OidcDiscoveryFailed when the discovery document cannot be read or names another issuer
   */
  get(id: string, version: number, settings: OidcClientSettings): Promise<oidc.Configuration> {
    const cached = this.cache.get(id);
    if (cached && cached.version === version) return cached.configuration;
    const configuration = discover(settings).catch((err: unknown) => {
      if (this.cache.get(id)?.configuration === configuration) this.cache.delete(id);
      this.logger.warn(`Discovery of an identity provider failed: ${describe(err)}`);
      throw err;
    });
    this.cache.set(id, { version, configuration });
    return configuration;
  }

  /** Drops provider `id`'s configuration (it was changed or deleted). */
  invalidate(id: string): void {
    this.cache.delete(id);
  }

  /**
   * Reads the issuer's `/.well-known/openid-configuration` once, without keeping it (checks an administrator's input).
   * @throws OidcDiscoveryFailed `unreachable` (network, timeout, HTTP error) or `invalid` (not a discovery document
   *   of this issuer)
   */
  async verify(settings: OidcClientSettings): Promise<void> {
    await discover(settings);
  }
}

/** openid-client (oauth4webapi) error codes of a discovery document that was read but is not usable. */
const INVALID_DISCOVERY_CODES = new Set([
  'OAUTH_JSON_ATTRIBUTE_COMPARISON_FAILED',
  'OAUTH_INVALID_RESPONSE',
  'OAUTH_INVALID_SERVER_METADATA',
  'OAUTH_MISSING_SERVER_METADATA',
  'OAUTH_RESPONSE_IS_NOT_JSON',
  'OAUTH_PARSE_ERROR',
]);

async function discover(settings: OidcClientSettings): Promise<oidc.Configuration> {
  const issuer = new URL(settings.issuerUrl);
  try {
    return await oidc.discovery(
      issuer,
      settings.clientId,
      { client_secret: settings.clientSecret, id_token_signed_response_alg: 'RS256' },
      oidc.ClientSecretBasic(settings.clientSecret),
      issuer.protocol === 'http:'
        ? { execute: [oidc.allowInsecureRequests], timeout: DISCOVERY_TIMEOUT_SECONDS }
        : { timeout: DISCOVERY_TIMEOUT_SECONDS },
    );
  } catch (err) {
    // A document that is not JSON, lacks required metadata or names another issuer is the provider's fault;
    // anything else (refused connection, DNS, timeout, 5xx) means it cannot be reached.
    const invalid = err instanceof oidc.ClientError && INVALID_DISCOVERY_CODES.has(err.code ?? '');
    throw new OidcDiscoveryFailed(invalid ? 'invalid' : 'unreachable');
  }
}

function describe(err: unknown): string {
  return err instanceof OidcDiscoveryFailed ? err.reason : ((err as Error)?.name ?? 'error');
}
