import { createHmac, randomBytes } from 'node:crypto';

/** Org and integration-user ids used in identity URLs and token answers. */
export const SANDBOX_ORG_ID = '00DA0000000SbxPAAQ';
export const SANDBOX_INTEGRATION_USER_ID = '005A0000000IntgAAA';

/** Issued OAuth access tokens (client credentials flow). Tokens live until revoked; there is no `expires_in`. */
export class SalesforceSessions {
  private readonly tokens = new Set<string>();

  /** Issues a token and the full token answer for `instanceUrl`. */
  issue(instanceUrl: string, clientSecret: string): Record<string, string> {
    const token = `${SANDBOX_ORG_ID}!${randomBytes(48).toString('base64url')}`;
    this.tokens.add(token);
    const id = `${instanceUrl}/id/${SANDBOX_ORG_ID}/${SANDBOX_INTEGRATION_USER_ID}`;
    const issuedAt = String(Date.now());
    // Salesforce signs `id + issued_at` with the consumer secret (HMAC-SHA256, base64).
    const signature = createHmac('sha256', clientSecret)
      .update(id + issuedAt)
      .digest('base64');
    return {
      access_token: token,
      instance_url: instanceUrl,
      id,
      token_type: 'Bearer',
      issued_at: issuedAt,
      signature,
      scope: 'api',
    };
  }

  isValid(token: string): boolean {
    return this.tokens.has(token);
  }

  /** Invalidates every issued token (simulates session expiry). */
  revokeAll(): number {
    const n = this.tokens.size;
    this.tokens.clear();
    return n;
  }
}
