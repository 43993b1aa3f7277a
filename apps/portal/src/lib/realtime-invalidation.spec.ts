import { describe, expect, it } from '@jest/globals';
import { realtimeEventSchema, type RealtimeEvent } from '@portico/domain';
import { billingKeys } from '@/features/billing/api/keys';
import { statusKeys } from '@/features/dashboard/api/keys';
import { supportKeys } from '@/features/support/api/keys';
import { usageKeys } from '@/features/usage/api/keys';
import { notificationKeys } from '@/features/notifications/api/keys';
import { queryKeysForEvent } from './realtime-invalidation';

const ACCOUNT = 'acc_1';
const envelope = { id: 'evt_1', accountId: ACCOUNT, occurredAt: '2026-03-10T12:00:00.000Z' };

/** Builds an event through the domain schema so the fixtures stay valid against the contract. */
function event(input: Omit<RealtimeEvent, 'id' | 'accountId' | 'occurredAt'>): RealtimeEvent {
  return realtimeEventSchema.parse({ ...envelope, ...input });
}

/** True when `key` starts with `prefix` (how TanStack Query matches `invalidateQueries({ queryKey })`). */
function matches(prefix: readonly unknown[], key: readonly unknown[]): boolean {
  return prefix.every((part, i) => JSON.stringify(part) === JSON.stringify(key[i]));
}

describe('queryKeysForEvent', () => {
  it('case_updated refreshes every case list, detail and conversation of the account', () => {
    const keys = queryKeysForEvent(
      event({ type: 'case_updated', payload: { caseId: '500A0000001AbcdAAA', reason: 'comment_added' } }),
    );
    expect(keys).toEqual([statusKeys.detail(ACCOUNT), supportKeys.cases(ACCOUNT)]);
    expect(matches(supportKeys.cases(ACCOUNT), supportKeys.caseComments(ACCOUNT, '500A0000001AbcdAAA'))).toBe(
      true,
    );
    expect(matches(supportKeys.cases(ACCOUNT), supportKeys.caseComments('acc_2', '500A0000001AbcdAAA'))).toBe(
      false,
    );
  });

  it("notification_created refreshes the member's notifications", () => {
    const keys = queryKeysForEvent(
      event({ type: 'notification_created', payload: { notificationId: 'n1', kind: 'invoice_overdue' } }),
    );
    expect(keys).toEqual([statusKeys.detail(ACCOUNT), notificationKeys.all(ACCOUNT)]);
    expect(matches(notificationKeys.all(ACCOUNT), notificationKeys.list(ACCOUNT))).toBe(true);
  });

  it('billing_alert refreshes the status document, the invoice lists and that invoice', () => {
    const keys = queryKeysForEvent(
      event({
        type: 'billing_alert',
        payload: { kind: 'invoice_paid', invoiceId: 'inv_42', status: 'paid' },
      }),
    );
    expect(keys).toEqual([
      statusKeys.detail(ACCOUNT),
      billingKeys.invoices(ACCOUNT),
      billingKeys.invoiceDetail(ACCOUNT, 'inv_42'),
    ]);
  });

  it('billing_alert reaches every page of the invoice list but no other account', () => {
    const keys = queryKeysForEvent(
      event({
        type: 'billing_alert',
        payload: { kind: 'invoice_created', invoiceId: 'inv_9', status: 'unpaid' },
      }),
    );
    const page2 = billingKeys.invoiceList(ACCOUNT, { status: 'paid', page: 2, pageSize: 10 });
    const otherAccount = billingKeys.invoiceList('acc_2', { status: 'all', page: 1, pageSize: 10 });
    expect(keys.some((k) => matches(k, page2))).toBe(true);
    expect(keys.some((k) => matches(k, otherAccount))).toBe(false);
    expect(keys.some((k) => matches(k, supportKeys.cases(ACCOUNT)))).toBe(false);
  });

  it('usage_changed refreshes the status document and every usage series', () => {
    const keys = queryKeysForEvent(event({ type: 'usage_changed', payload: { metrics: ['disk'] } }));
    expect(keys).toEqual([statusKeys.detail(ACCOUNT), usageKeys.all(ACCOUNT)]);
    expect(keys.some((k) => matches(k, usageKeys.series(ACCOUNT, 'bandwidth', '24h')))).toBe(true);
  });

  it('usage_alert refreshes the status document, the alerts and the series', () => {
    const keys = queryKeysForEvent(
      event({
        type: 'usage_alert',
        payload: {
          alertId: 'a1',
          ruleId: 'r1',
          metric: 'disk',
          service: null,
          threshold: { type: 'percent', value: 90 },
          value: 95,
          limit: 100,
        },
      }),
    );
    expect(keys).toEqual([statusKeys.detail(ACCOUNT), usageKeys.all(ACCOUNT)]);
    expect(keys.some((k) => matches(k, usageKeys.alerts(ACCOUNT)))).toBe(true);
  });

  it('account_update refreshes the lists behind each named block once', () => {
    const keys = queryKeysForEvent(
      event({
        type: 'account_update',
        payload: { blocks: ['cases', 'subscriptions', 'cases', 'billing', 'usage'], reason: 'CaseChanged' },
      }),
    );
    expect(keys).toEqual([
      statusKeys.detail(ACCOUNT),
      supportKeys.cases(ACCOUNT),
      billingKeys.subscriptions(ACCOUNT),
      billingKeys.invoices(ACCOUNT),
      usageKeys.all(ACCOUNT),
    ]);
  });

  it('account_update for profile or crm only touches the status document', () => {
    const keys = queryKeysForEvent(
      event({ type: 'account_update', payload: { blocks: ['profile', 'crm'], reason: 'x' } }),
    );
    expect(keys).toEqual([statusKeys.detail(ACCOUNT)]);
  });
});
