import { FORBIDDEN_REASON, roleSchema, type AccountStatus } from '@portico/domain';
import { redactStatusForRole } from './status-permissions.mapper';

const meta = {
  source: 'whmcs' as const,
  fetchedAt: '2026-11-21T10:00:00.000Z',
  stale: false,
  unavailable: false,
};

function fullStatus(): AccountStatus {
  return {
    account: { id: 'a', name: 'Acme' },
    generatedAt: '2026-11-21T10:00:00.000Z',
    profile: { meta, data: null },
    crm: { meta: { ...meta, source: 'salesforce' }, data: null },
    subscriptions: { meta, data: [] },
    billing: {
      meta,
      data: {
        balanceDue: [{ amountMinor: 1200, currency: 'EUR' }],
        unpaidCount: 1,
        overdueCount: 0,
        nextInvoice: null,
        recentInvoices: [],
      },
    },
    cases: { meta: { ...meta, source: 'salesforce' }, data: { openCount: 2, open: [] } },
    usage: { meta: { ...meta, source: 'portico' }, data: [] },
    upstreams: {
      whmcs: { breaker: 'closed', openReason: null, retryAt: null },
      salesforce: { breaker: 'closed', openReason: null, retryAt: null },
    },
  };
}

describe('redactStatusForRole', () => {
  it('keeps every block for owners and viewers', () => {
    for (const role of ['owner', 'admin', 'viewer'] as const)
      expect(redactStatusForRole(fullStatus(), role)).toEqual(fullStatus());
  });

  it('hides billing from technical members, and cases and usage from billing members, without their data', () => {
    const technical = redactStatusForRole(fullStatus(), 'technical');
    expect(technical.billing).toEqual({
      meta: { source: 'whmcs', fetchedAt: null, stale: false, unavailable: true, reason: FORBIDDEN_REASON },
      data: null,
    });
    expect(technical.cases.data).toEqual({ openCount: 2, open: [] });
    const billing = redactStatusForRole(fullStatus(), 'billing');
    expect(billing.cases).toMatchObject({
      data: null,
      meta: { unavailable: true, reason: FORBIDDEN_REASON, source: 'salesforce' },
    });
    expect(billing.usage).toMatchObject({
      data: null,
      meta: { unavailable: true, reason: FORBIDDEN_REASON },
    });
    expect(billing.billing.data?.unpaidCount).toBe(1);
  });

  it('never returns a forbidden block with data, for any role', () => {
    for (const role of roleSchema.options) {
      const s = redactStatusForRole(fullStatus(), role);
      for (const block of [s.profile, s.crm, s.subscriptions, s.billing, s.cases, s.usage]) {
        if (block.meta.reason === FORBIDDEN_REASON) expect(block.data).toBeNull();
      }
    }
  });
});
