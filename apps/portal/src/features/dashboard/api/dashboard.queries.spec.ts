import { describe, expect, it } from '@jest/globals';
import type { AccountStatus, BlockMeta } from '@portico/domain';
import { degradedRefetchInterval, STALE_REFETCH_MS, UNAVAILABLE_REFETCH_MS } from './dashboard.queries';

const ok: BlockMeta = {
  source: 'whmcs',
  fetchedAt: '2026-01-01T00:00:00.000Z',
  stale: false,
  unavailable: false,
};
const block = (meta: Partial<BlockMeta> = {}) => ({ meta: { ...ok, ...meta }, data: null });
const doc = (
  over: Partial<
    Record<'profile' | 'crm' | 'subscriptions' | 'billing' | 'cases' | 'usage', ReturnType<typeof block>>
  > = {},
) =>
  ({
    account: { id: 'a', name: 'Acme' },
    generatedAt: ok.fetchedAt,
    profile: block(),
    crm: block(),
    subscriptions: block(),
    billing: block(),
    cases: block(),
    usage: block(),
    upstreams: {
      whmcs: { breaker: 'closed', openReason: null, retryAt: null },
      salesforce: { breaker: 'closed', openReason: null, retryAt: null },
    },
    ...over,
  }) as AccountStatus;

describe('degradedRefetchInterval', () => {
  it('does not poll a healthy document or one whose only gaps are unlinked sources', () => {
    expect(degradedRefetchInterval(undefined)).toBe(false);
    expect(degradedRefetchInterval(doc())).toBe(false);
    expect(
      degradedRefetchInterval(
        doc({ crm: block({ unavailable: true, fetchedAt: null, reason: 'not linked' }) }),
      ),
    ).toBe(false);
  });

  it('reads again soon while a block shows its last copy, later while one is unavailable', () => {
    expect(
      degradedRefetchInterval(
        doc({ billing: block({ stale: true, reason: 'Billing system is unavailable' }) }),
      ),
    ).toBe(STALE_REFETCH_MS);
    expect(
      degradedRefetchInterval(
        doc({
          cases: block({ unavailable: true, fetchedAt: null, reason: 'Support system is unavailable' }),
        }),
      ),
    ).toBe(UNAVAILABLE_REFETCH_MS);
  });
});
