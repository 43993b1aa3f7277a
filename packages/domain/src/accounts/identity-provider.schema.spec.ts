import {
  emailDomainOf,
  identityProviderSchema,
  issuerUrlSchema,
  putIdentityProviderRequestSchema,
} from './identity-provider.schema';

describe('identity provider schemas', () => {
  const body = {
    issuerUrl: 'https://login.initech.example/tenant',
    clientId: 'portico',
    clientSecret: 'a-long-client-secret',
    allowedEmailDomains: [' Initech-Staff.Example '],
    jitEnabled: true,
  };

  it('normalises domains to lower case and fills the defaults', () => {
    expect(putIdentityProviderRequestSchema.parse(body)).toEqual({
      ...body,
      allowedEmailDomains: ['initech-staff.example'],
      jitRole: 'viewer',
      enabled: true,
      verifyDiscovery: true,
    });
  });

  it('keeps the secret optional (keep the stored one) and refuses owner, empty and repeated domains', () => {
    const { clientSecret: _omitted, ...withoutSecret } = body;
    expect(putIdentityProviderRequestSchema.safeParse(withoutSecret).success).toBe(true);
    expect(putIdentityProviderRequestSchema.safeParse({ ...body, jitRole: 'owner' }).success).toBe(false);
    expect(putIdentityProviderRequestSchema.safeParse({ ...body, allowedEmailDomains: [] }).success).toBe(
      false,
    );
    expect(
      putIdentityProviderRequestSchema.safeParse({ ...body, allowedEmailDomains: ['a.example', 'A.example'] })
        .success,
    ).toBe(false);
    expect(
      putIdentityProviderRequestSchema.safeParse({ ...body, allowedEmailDomains: ['@a.example'] }).success,
    ).toBe(false);
    expect(putIdentityProviderRequestSchema.safeParse({ ...body, extra: 1 }).success).toBe(false);
  });

  it('takes https issuers, and http only on localhost, without query or fragment', () => {
    expect(issuerUrlSchema.safeParse('https://idp.example').success).toBe(true);
    expect(issuerUrlSchema.safeParse('http://127.0.0.1:4126').success).toBe(true);
    expect(issuerUrlSchema.safeParse('http://idp.example').success).toBe(false);
    expect(issuerUrlSchema.safeParse('https://idp.example/?a=1').success).toBe(false);
    expect(issuerUrlSchema.safeParse('ftp://idp.example').success).toBe(false);
  });

  it('never carries the secret in the read shape', () => {
    expect(identityProviderSchema.shape).not.toHaveProperty('clientSecret');
  });

  it('finds an address’s domain', () => {
    expect(emailDomainOf('Ivy@Initech-Staff.example')).toBe('initech-staff.example');
    expect(emailDomainOf('no-at-sign')).toBeNull();
    expect(emailDomainOf('ivy@')).toBeNull();
  });
});
