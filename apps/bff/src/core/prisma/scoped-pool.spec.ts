import { scopeSettings } from './scoped-pool';

describe('scopeSettings', () => {
  it('maps each scope to [app.scope, app.account_id, app.user_id], and no scope to empty settings', () => {
    expect(scopeSettings({ kind: 'account', accountId: 'a1', userId: 'u1' })).toEqual([
      'account',
      'a1',
      'u1',
    ]);
    expect(scopeSettings({ kind: 'account', accountId: 'a1' })).toEqual(['account', 'a1', '']);
    expect(scopeSettings({ kind: 'user', userId: 'u1' })).toEqual(['user', '', 'u1']);
    expect(scopeSettings({ kind: 'system', reason: 'test' })).toEqual(['system', '', '']);
    expect(scopeSettings(undefined)).toEqual(['', '', '']);
  });
});
