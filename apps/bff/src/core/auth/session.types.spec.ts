import { meetsAccountMfaRequirement, type AccountContext, type SessionUser } from './session.types';

describe('meetsAccountMfaRequirement', () => {
  const account: AccountContext = {
    accountId: '55555555-5555-4555-8555-555555555555',
    accountName: 'Initech GmbH',
    role: 'viewer',
    whmcsClientId: null,
    salesforceAccountId: null,
    mfaRequired: true,
    memberMfaEnabled: false,
  };
  const user: SessionUser = { userId: 'u', email: 'ivy@initech-staff.example', sessionId: 's' };

  it('is met when the account requires nothing or the member enrolled TOTP', () => {
    expect(meetsAccountMfaRequirement({ ...account, mfaRequired: false }, user)).toBe(true);
    expect(meetsAccountMfaRequirement({ ...account, memberMfaEnabled: true }, user)).toBe(true);
  });

  it('is met by a second factor the account’s own identity provider asserted at this sign-in', () => {
    expect(meetsAccountMfaRequirement(account, { ...user, mfaAccountId: account.accountId })).toBe(true);
  });

  it('is not met without either, nor by another account’s provider', () => {
    expect(meetsAccountMfaRequirement(account, user)).toBe(false);
    expect(
      meetsAccountMfaRequirement(account, { ...user, mfaAccountId: '66666666-6666-4666-8666-666666666666' }),
    ).toBe(false);
  });
});
