import {
  acceptOidcClaims,
  membershipDecision,
  oidcCallbackQuerySchema,
  oidcLoginStateSchema,
  routeEmailDomain,
  safeNextPath,
  secondFactorStep,
} from './oidc-claims';

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

describe('routeEmailDomain', () => {
  const platform = { enabled: true, domains: ['acme.example'] };
  const provider = { id: '33333333-3333-4333-8333-333333333333', enabled: true };

  it('routes a domain claimed by an enabled account provider to it, before the platform provider', () => {
    expect(routeEmailDomain('acme.example', provider, platform)).toEqual({
      kind: 'account',
      providerId: provider.id,
    });
  });

  it('falls back to the platform provider for its domains, and to none otherwise', () => {
    expect(routeEmailDomain('acme.example', null, platform)).toEqual({ kind: 'platform' });
    expect(routeEmailDomain('acme.example', { ...provider, enabled: false }, platform)).toEqual({
      kind: 'platform',
    });
    expect(routeEmailDomain('globex.example', null, platform)).toBeNull();
    expect(routeEmailDomain('acme.example', null, { ...platform, enabled: false })).toBeNull();
    expect(routeEmailDomain(null, provider, platform)).toBeNull();
  });
});

describe('acceptOidcClaims per provider', () => {
  const initech = { iss: 'https://idp.initech.example', sub: 'u1', email_verified: true };

  it('accepts only the provider’s own domains (a subdomain is not its parent)', () => {
    const domains = ['initech-staff.example'];
    expect(acceptOidcClaims({ ...initech, email: 'Ivy@Initech-Staff.example' }, domains)).toMatchObject({
      ok: true,
      identity: { email: 'ivy@initech-staff.example' },
    });
    expect(acceptOidcClaims({ ...initech, email: 'ivy@acme.example' }, domains)).toEqual({
      ok: false,
      reason: 'domain_not_allowed',
    });
    expect(acceptOidcClaims({ ...initech, email: 'ivy@eu.initech-staff.example' }, domains)).toEqual({
      ok: false,
      reason: 'domain_not_allowed',
    });
    expect(
      acceptOidcClaims({ ...initech, email: 'ivy@initech-staff.example', email_verified: false }, domains),
    ).toEqual({ ok: false, reason: 'email_unverified' });
  });
});

describe('membershipDecision (just-in-time membership of the provider’s account)', () => {
  it.each([
    [{ userExists: false, isMember: false, jitEnabled: true }, 'create_user'],
    [{ userExists: false, isMember: false, jitEnabled: false }, 'refuse'],
    [{ userExists: true, isMember: false, jitEnabled: true }, 'add_membership'],
    [{ userExists: true, isMember: false, jitEnabled: false }, 'sign_in'],
    [{ userExists: true, isMember: true, jitEnabled: true }, 'sign_in'],
    [{ userExists: true, isMember: true, jitEnabled: false }, 'sign_in'],
  ] as const)('%j -> %s', (input, expected) => {
    expect(membershipDecision(input)).toBe(expected);
  });
});

describe('secondFactorStep (amr vs two-factor)', () => {
  it('counts a second factor asserted by the provider, whether or not the user has TOTP on', () => {
    expect(secondFactorStep({ userMfaEnabled: true, providerAssertedMfa: true })).toBe('provider_mfa');
    expect(secondFactorStep({ userMfaEnabled: false, providerAssertedMfa: true })).toBe('provider_mfa');
  });

  it('still asks a TOTP user for the code when the provider asserted no second factor', () => {
    expect(secondFactorStep({ userMfaEnabled: true, providerAssertedMfa: false })).toBe('totp_challenge');
  });

  it('signs in without a second factor when none is on (the account guard then asks for enrolment)', () => {
    expect(secondFactorStep({ userMfaEnabled: false, providerAssertedMfa: false })).toBe('none');
  });
});

describe('oidcLoginStateSchema', () => {
  it('reads a state cookie made before account providers as the platform provider', () => {
    const state = { verifier: 'v'.repeat(43), state: 's'.repeat(16), nonce: 'n'.repeat(16), next: null };
    expect(oidcLoginStateSchema.parse(state).provider).toBeNull();
  });
});
