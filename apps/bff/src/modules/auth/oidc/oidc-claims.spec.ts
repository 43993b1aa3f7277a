import { acceptOidcClaims, oidcCallbackQuerySchema, safeNextPath } from './oidc-claims';

const base = {
  iss: 'http://127.0.0.1:4126',
  sub: 'acme-0001',
  email: 'Owner@Acme.Example',
  email_verified: true,
  name: 'Alice Owner',
};

describe('acceptOidcClaims', () => {
  it('accepts a verified email of an allowed domain, lower-cased, with the subject and issuer', () => {
    const result = acceptOidcClaims(base, ['acme.example']);
    expect(result).toEqual({
      ok: true,
      identity: {
        issuer: 'http://127.0.0.1:4126',
        subject: 'acme-0001',
        email: 'owner@acme.example',
        name: 'Alice Owner',
        multiFactor: false,
      },
    });
  });

  it('refuses an unverified or missing email', () => {
    expect(acceptOidcClaims({ ...base, email_verified: false }, ['acme.example'])).toEqual({
      ok: false,
      reason: 'email_unverified',
    });
    expect(acceptOidcClaims({ ...base, email_verified: undefined }, ['acme.example'])).toEqual({
      ok: false,
      reason: 'email_unverified',
    });
    expect(acceptOidcClaims({ ...base, email: undefined }, ['acme.example'])).toEqual({
      ok: false,
      reason: 'email_missing',
    });
    expect(acceptOidcClaims({ ...base, email: 'not an email' }, ['acme.example'])).toEqual({
      ok: false,
      reason: 'email_missing',
    });
  });

  it('refuses other domains, subdomains and look-alikes of an allowed one', () => {
    for (const email of ['a@globex.example', 'a@eu.acme.example', 'a@acme.example.evil', 'a@xacme.example']) {
      expect(acceptOidcClaims({ ...base, email }, ['acme.example'])).toEqual({
        ok: false,
        reason: 'domain_not_allowed',
      });
    }
    expect(
      acceptOidcClaims({ ...base, email: 'a@globex.example' }, ['acme.example', 'globex.example']).ok,
    ).toBe(true);
  });

  it('refuses claims without iss or sub', () => {
    expect(acceptOidcClaims({ ...base, sub: '' }, ['acme.example'])).toEqual({
      ok: false,
      reason: 'invalid_claims',
    });
    expect(acceptOidcClaims({ ...base, iss: undefined }, ['acme.example'])).toEqual({
      ok: false,
      reason: 'invalid_claims',
    });
    expect(acceptOidcClaims(null, ['acme.example']).ok).toBe(false);
  });

  it('counts amr mfa, otp or hwk as a second factor, pwd alone not', () => {
    const mfa = (amr: string[]) => {
      const r = acceptOidcClaims({ ...base, amr }, ['acme.example']);
      return r.ok && r.identity.multiFactor;
    };
    expect(mfa(['pwd'])).toBe(false);
    expect(mfa(['pwd', 'otp'])).toBe(true);
    expect(mfa(['MFA'])).toBe(true);
    expect(mfa(['hwk'])).toBe(true);
  });

  it('falls back to the email local part when the provider sends no name', () => {
    const r = acceptOidcClaims({ ...base, name: undefined }, ['acme.example']);
    expect(r.ok && r.identity.name).toBe('owner');
  });
});

describe('safeNextPath', () => {
  it('keeps same-site paths only', () => {
    expect(safeNextPath('/accounts/1/billing?tab=x')).toBe('/accounts/1/billing?tab=x');
    for (const bad of [
      '//evil.example',
      '/\\evil.example',
      'https://evil.example',
      '/login?x',
      '',
      'x',
      5,
      null,
    ])
      expect(safeNextPath(bad)).toBeNull();
    expect(safeNextPath('/a\nb')).toBeNull();
  });
});

describe('oidcCallbackQuerySchema', () => {
  it('takes code and state, or an error from the provider', () => {
    expect(oidcCallbackQuerySchema.safeParse({ code: 'c', state: 's' }).success).toBe(true);
    expect(oidcCallbackQuerySchema.safeParse({ error: 'access_denied' }).success).toBe(true);
    expect(oidcCallbackQuerySchema.safeParse({ code: 'c' }).success).toBe(false);
    expect(oidcCallbackQuerySchema.safeParse({}).success).toBe(false);
    expect(oidcCallbackQuerySchema.safeParse({ code: ['a', 'b'], state: 's' }).success).toBe(false);
  });
});
