import { createAdminAccountRequestSchema, linkAccountRequestSchema } from './admin-account.schema';

describe('admin account schemas', () => {
  it('accepts positive integer WHMCS ids and 15/18-character Salesforce ids, and null to unlink', () => {
    expect(
      linkAccountRequestSchema.parse({ whmcsClientId: 7, salesforceAccountId: '001A0000001AcmeAAA' }),
    ).toEqual({
      whmcsClientId: 7,
      salesforceAccountId: '001A0000001AcmeAAA',
    });
    expect(
      linkAccountRequestSchema.parse({ salesforceAccountId: '001A0000001Acme' }).salesforceAccountId,
    ).toBe('001A0000001Acme');
    expect(linkAccountRequestSchema.parse({ whmcsClientId: null })).toEqual({ whmcsClientId: null });
  });

  it('refuses bad ids, unknown fields and an empty change', () => {
    for (const body of [
      { whmcsClientId: 0 },
      { whmcsClientId: 2.5 },
      { whmcsClientId: '3' },
      { salesforceAccountId: '001A00000' },
      { other: 1 },
      {},
    ]) {
      expect(linkAccountRequestSchema.safeParse(body).success).toBe(false);
    }
    expect(createAdminAccountRequestSchema.safeParse({ name: '  ' }).success).toBe(false);
  });
});
