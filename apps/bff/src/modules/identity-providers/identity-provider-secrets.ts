import { Inject, Injectable } from '@nestjs/common';
import { SecretBox } from '../../core/auth/secret-box';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';

/** The additional authenticated data a provider's sealed client secret is bound to: its account. */
export function identityProviderSecretAad(accountId: string): string {
  return `account-identity-provider:${accountId}`;
}

/**
 * Seals and opens the client secrets of account identity providers: AES-256-GCM (`SecretBox`) under
 * IDENTITY_PROVIDER_SECRET_KEY, with the owning account id as additional authenticated data, so a sealed secret
 * copied to another account's row does not open.
 */
@Injectable()
export class IdentityProviderSecrets {
  private readonly box: SecretBox;

  constructor(@Inject(ENV) env: Pick<Env, 'IDENTITY_PROVIDER_SECRET_KEY'>) {
    this.box = new SecretBox(env.IDENTITY_PROVIDER_SECRET_KEY);
  }

  /** The sealed form of `secret` for `accountId`'s provider. */
  seal(secret: string, accountId: string): string {
    return this.box.seal(secret, identityProviderSecretAad(accountId));
  }

  /**
   * The secret sealed by {@link seal} for the same account.
   * @throws Error when the value was sealed for another account, under another key, or was tampered with
   */
  open(sealed: string, accountId: string): string {
    return this.box.open(sealed, identityProviderSecretAad(accountId));
  }
}

/** `••••` and the last four characters of `secret` (the whole hint is `••••` for a secret under 12 characters). */
export function secretHint(secret: string): string {
  return secret.length >= 12 ? `••••${secret.slice(-4)}` : '••••';
}
