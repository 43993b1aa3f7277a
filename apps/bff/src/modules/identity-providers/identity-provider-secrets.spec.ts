import { randomBytes } from 'node:crypto';
import { IdentityProviderSecrets, secretHint } from './identity-provider-secrets';

describe('IdentityProviderSecrets', () => {
  const key = randomBytes(32).toString('base64');
  const secrets = new IdentityProviderSecrets({ IDENTITY_PROVIDER_SECRET_KEY: key });
  const acme = '11111111-1111-4111-8111-111111111111';
  const globex = '22222222-2222-4222-8222-222222222222';

  it('round-trips a client secret without keeping it readable', () => {
    const sealed = secrets.seal('s3cr3t-client-value', acme);
    expect(sealed).toMatch(/^v1\./);
    expect(sealed).not.toContain('s3cr3t');
    expect(secrets.open(sealed, acme)).toBe('s3cr3t-client-value');
    expect(secrets.seal('s3cr3t-client-value', acme)).not.toBe(sealed);
  });

  it('refuses a tampered value, another account’s row and another key', () => {
    const sealed = secrets.seal('s3cr3t-client-value', acme);
    const parts = sealed.split('.');
    const ciphertext = Buffer.from(parts[3]!, 'base64url');
    ciphertext[0] = ciphertext[0]! ^ 0x01;
    parts[3] = ciphertext.toString('base64url');
    expect(() => secrets.open(parts.join('.'), acme)).toThrow();
    const tag = Buffer.from(sealed.split('.')[2]!, 'base64url');
    tag[0] = tag[0]! ^ 0x01;
    expect(() =>
      secrets.open([parts[0], parts[1], tag.toString('base64url'), sealed.split('.')[3]].join('.'), acme),
    ).toThrow();
    // Copied to another account's row: the account id is authenticated data.
    expect(() => secrets.open(sealed, globex)).toThrow();
    const other = new IdentityProviderSecrets({
      IDENTITY_PROVIDER_SECRET_KEY: randomBytes(32).toString('base64'),
    });
    expect(() => other.open(sealed, acme)).toThrow();
  });

  it('hints at a secret by its last four characters only, and not at all when it is short', () => {
    expect(secretHint('abcdefghijkl-WXYZ')).toBe('••••WXYZ');
    expect(secretHint('short-one')).toBe('••••');
  });
});
