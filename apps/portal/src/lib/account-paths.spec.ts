import { describe, expect, it } from '@jest/globals';
import { accountApiPath, accountPagePath, firstDashboardPath } from './account-paths';

describe('accountPagePath', () => {
  it('joins the account and the segments, encoding each one', () => {
    expect(accountPagePath('acc_1')).toBe('/acc_1');
    expect(accountPagePath('acc_1', 'billing', 'inv_9')).toBe('/acc_1/billing/inv_9');
    expect(accountPagePath('a/b', 'support', 'c?d')).toBe('/a%2Fb/support/c%3Fd');
  });
});

describe('accountApiPath', () => {
  it('prefixes the account-scoped BFF route', () => {
    expect(accountApiPath('acc_1', 'cases')).toBe('/api/v1/accounts/acc_1/cases');
    expect(accountApiPath('a b', 'invoices', 'x/y')).toBe('/api/v1/accounts/a%20b/invoices/x%2Fy');
  });
});

describe('firstDashboardPath', () => {
  const membership = {
    accountId: 'acc_2',
    accountName: 'Globex',
    role: 'viewer' as const,
    mfaRequired: false,
  };

  it('is the dashboard of the first membership, or null without one', () => {
    expect(firstDashboardPath({ memberships: [membership, { ...membership, accountId: 'acc_3' }] })).toBe(
      '/acc_2/dashboard',
    );
    expect(firstDashboardPath({ memberships: [] })).toBeNull();
  });

  it('sends a platform administrator without memberships to /admin', () => {
    expect(firstDashboardPath({ memberships: [], platformAdmin: true })).toBe('/admin');
    expect(firstDashboardPath({ memberships: [membership], platformAdmin: true })).toBe('/acc_2/dashboard');
  });

  it('prefers the account opened last while still a member of it', () => {
    const memberships = [membership, { ...membership, accountId: 'acc_3' }];
    expect(firstDashboardPath({ memberships, lastAccountId: 'acc_3' })).toBe('/acc_3/dashboard');
    expect(firstDashboardPath({ memberships, lastAccountId: 'acc_gone' })).toBe('/acc_2/dashboard');
    expect(firstDashboardPath({ memberships, lastAccountId: null })).toBe('/acc_2/dashboard');
  });
});
