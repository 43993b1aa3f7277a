import type { PaymentMethod } from '@portico/domain';
import { loadEnv } from '../../core/config/env';
import { FakeClock } from '../../../test/fakes/clock.fake';
import {
  domain,
  FakeBillingProvider,
  FakeCrmProvider,
  invoice,
  supportCase,
} from '../../../test/fakes/providers.fake';
import {
  RecordingCaches,
  RecordingNotifications,
  recordingEventBus,
} from '../../../test/fakes/recorders.fake';
import type { BillingService } from '../billing/billing.service';
import type { Fingerprints, SnapshotKind } from './reconciliation-diff.mapper';
import type { LinkedAccount, ReconciliationRepository } from './reconciliation.repository';
import { ReconciliationService } from './reconciliation.service';

const ACCOUNT = '10000000-0000-4000-8000-000000000001';
const CLIENT = 42;
const SF = '001000000000001AAA';

/** Linked accounts and their snapshots in memory. */
class InMemoryReconciliationRepository {
  accounts: LinkedAccount[] = [{ id: ACCOUNT, whmcsClientId: CLIENT, salesforceAccountId: SF }];
  readonly stored = new Map<string, Partial<Record<SnapshotKind, Fingerprints>>>();

  linkedAccounts(): Promise<LinkedAccount[]> {
    return Promise.resolve(this.accounts);
  }

  snapshots(accountId: string): Promise<Partial<Record<SnapshotKind, Fingerprints>>> {
    return Promise.resolve({ ...(this.stored.get(accountId) ?? {}) });
  }

  save(accountId: string, kind: SnapshotKind, fingerprints: Fingerprints): Promise<void> {
    this.stored.set(accountId, { ...(this.stored.get(accountId) ?? {}), [kind]: fingerprints });
    return Promise.resolve();
  }
}

const card = (expiryMonth: string): PaymentMethod =>
  ({
    id: 'pm1',
    type: 'card',
    description: null,
    cardBrand: 'Visa',
    lastFour: '4242',
    expiryMonth,
    expired: false,
    isDefault: true,
    bankName: null,
  }) as PaymentMethod;

function world(nextCharge: string | null = null) {
  const clock = new FakeClock('2026-03-10T08:00:00.000Z');
  const repository = new InMemoryReconciliationRepository();
  const billing = new FakeBillingProvider();
  const crm = new FakeCrmProvider();
  const caches = new RecordingCaches();
  const notifications = new RecordingNotifications();
  const { bus, published } = recordingEventBus();
  const billingService = { nextCharge: () => Promise.resolve(nextCharge) } as unknown as BillingService;
  const env = loadEnv({ NOTIFY_EXPIRY_WITHIN_DAYS: '30' });
  const service = new ReconciliationService(
    repository as unknown as ReconciliationRepository,
    billing,
    crm,
    caches.status,
    caches.read,
    notifications.asService(),
    billingService,
    bus,
    env,
    clock,
  );
  return { clock, repository, billing, crm, caches, notifications, published, service };
}

describe('ReconciliationService', () => {
  it('stores a baseline the first time it sees an account, emitting nothing', async () => {
    const w = world();
    w.billing.invoices.set(CLIENT, [invoice({ id: '1' })]);
    w.crm.cases.set(SF, [supportCase()]);
    const report = await w.service.runOnce();
    expect(report).toMatchObject({ accounts: 1, changes: [], baselines: 6, failures: [] });
    expect(Object.keys(w.repository.stored.get(ACCOUNT) ?? {}).sort()).toEqual([
      'cases',
      'comments',
      'domains',
      'invoices',
      'payment_methods',
      'subscriptions',
    ]);
    expect(w.published).toEqual([]);
    expect(w.caches.statusBlocks).toEqual([]);
  });

  it('emits what a lost webhook would have: invalidation, a billing alert per new or changed invoice, an account update', async () => {
    const w = world();
    w.billing.invoices.set(CLIENT, [invoice({ id: '1', status: 'unpaid' })]);
    await w.service.runOnce();
    w.billing.invoices.set(CLIENT, [
      invoice({ id: '1', status: 'paid', balance: { amountMinor: 0, currency: 'EUR' } }),
      invoice({ id: '2' }),
    ]);
    w.clock.advance(3_600_000);
    const report = await w.service.runOnce();

    expect(report.changes).toEqual([
      { accountId: ACCOUNT, kind: 'invoices', added: ['2'], changed: ['1'], removed: [] },
    ]);
    expect(w.caches.statusBlocks).toEqual([{ accountId: ACCOUNT, blocks: ['billing'] }]);
    expect(w.caches.readResources).toEqual([{ accountId: ACCOUNT, resources: ['invoices'] }]);
    expect(
      w.published.map((e) => [
        e.type,
        e.occurredAt,
        e.type === 'billing_alert' ? `${e.payload.invoiceId}:${e.payload.kind}` : e.payload,
      ]),
    ).toEqual([
      ['billing_alert', '2026-03-10T09:00:00.000Z', '2:invoice_created'],
      ['billing_alert', '2026-03-10T09:00:00.000Z', '1:invoice_paid'],
      [
        'account_update',
        '2026-03-10T09:00:00.000Z',
        { blocks: ['billing'], reason: 'reconciliation:invoices' },
      ],
    ]);
    // Nothing changed since: a third run is quiet.
    const quiet = await w.service.runOnce();
    expect(quiet.changes).toEqual([]);
    expect(w.published).toHaveLength(3);
  });

  it('keeps the previous snapshot of a kind it could not read, and reports the failure', async () => {
    const w = world();
    w.crm.cases.set(SF, [supportCase()]);
    await w.service.runOnce();
    w.crm.cases.set(SF, [supportCase(), supportCase({ id: '500000000000002AAA', number: '00001002' })]);
    w.crm.failing.add('listCases');
    const failed = await w.service.runOnce();
    expect(failed.failures).toEqual([
      { accountId: ACCOUNT, kind: 'cases', reason: 'listCases: upstream unavailable' },
    ]);
    expect(w.published).toEqual([]);
    w.crm.failing.clear();
    const caught = await w.service.runOnce();
    expect(caught.changes).toEqual([
      { accountId: ACCOUNT, kind: 'cases', added: ['500000000000002AAA'], changed: [], removed: [] },
    ]);
    expect(w.published.map((e) => e.type)).toEqual(['case_updated', 'account_update']);
  });

  it('notifies domains expiring within NOTIFY_EXPIRY_WITHIN_DAYS, not later ones nor expired ones', async () => {
    const w = world();
    w.billing.domains.set(CLIENT, [
      domain({ id: 'd1', name: 'soon.example', expiresOn: '2026-04-09' }),
      domain({ id: 'd2', name: 'later.example', expiresOn: '2026-04-10' }),
      domain({ id: 'd3', name: 'gone.example', expiresOn: '2026-03-09' }),
    ]);
    await w.service.runOnce();
    expect(w.notifications.notified.map((n) => n.dedupKey)).toEqual(['domain_expiring:d1:2026-04-09']);
    w.clock.advance(86_400_000);
    await w.service.runOnce();
    expect(w.notifications.notified.map((n) => n.dedupKey)).toEqual([
      'domain_expiring:d1:2026-04-09',
      'domain_expiring:d2:2026-04-10',
    ]);
  });

  it('warns about a default card that expires before a charge due within the notice days', async () => {
    const soon = world('2026-04-05');
    soon.billing.paymentMethods.set(CLIENT, [card('2026-03')]);
    await soon.service.runOnce();
    expect(soon.notifications.notified.map((n) => n.kind)).toEqual(['card_expiring']);

    const far = world('2026-06-01');
    far.billing.paymentMethods.set(CLIENT, [card('2026-03')]);
    await far.service.runOnce();
    expect(far.notifications.notified).toEqual([]);
  });
});
