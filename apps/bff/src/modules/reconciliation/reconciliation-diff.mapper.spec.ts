import type { Subscription } from '@portico/domain';
import {
  diffFingerprints,
  hasChanges,
  snapshotDigest,
  subscriptionFingerprints,
} from './reconciliation-diff.mapper';

describe('reconciliation diff', () => {
  it('names added, changed and removed records', () => {
    const diff = diffFingerprints({ a: '1', b: '2', c: '3' }, { a: '1', b: '9', d: '4' });
    expect(diff).toEqual({ added: ['d'], changed: ['b'], removed: ['c'] });
    expect(hasChanges(diff)).toBe(true);
    expect(hasChanges(diffFingerprints({ a: '1' }, { a: '1' }))).toBe(false);
  });

  it('ignores measured usage of subscriptions but not their limits or status', () => {
    const base: Subscription = {
      id: '7',
      productName: 'Cloud',
      groupName: null,
      domain: null,
      status: 'active',
      billingCycle: 'monthly',
      recurringAmount: { amountMinor: 1000, currency: 'USD' },
      registeredOn: null,
      nextDueOn: '2026-12-01',
      disk: { unit: 'bytes', used: 10, limit: 100, measuredAt: '2026-11-21T00:00:00Z' },
      bandwidth: null,
    };
    const fp = subscriptionFingerprints([base]);
    expect(
      subscriptionFingerprints([
        { ...base, disk: { unit: 'bytes', used: 55, limit: 100, measuredAt: '2026-11-21T01:00:00Z' } },
      ]),
    ).toEqual(fp);
    expect(
      subscriptionFingerprints([
        { ...base, disk: { unit: 'bytes', used: 10, limit: 200, measuredAt: null } },
      ]),
    ).not.toEqual(fp);
    expect(subscriptionFingerprints([{ ...base, status: 'suspended' }])).not.toEqual(fp);
  });

  it('digests a snapshot independently of key order', () => {
    expect(snapshotDigest({ a: '1', b: '2' })).toBe(snapshotDigest({ b: '2', a: '1' }));
    expect(snapshotDigest({ a: '1' })).not.toBe(snapshotDigest({ a: '2' }));
  });
});
