import { MetricsService } from '../../core/metrics/metrics.service';
import { PermanentJobError } from '../../core/queue/job-queue.port';
import { FakeClock } from '../../../test/fakes/clock.fake';
import { FakeBillingProvider, FakeCrmProvider, invoice } from '../../../test/fakes/providers.fake';
import {
  RecordingCaches,
  RecordingNotifications,
  recordingEventBus,
} from '../../../test/fakes/recorders.fake';
import { InMemoryWebhooksRepository } from '../../../test/fakes/webhooks-repository.fake';
import { invoiceAlerts, stableEventId, WebhookProcessor } from './webhook-processor.service';

const ACCOUNT = '10000000-0000-4000-8000-000000000001';
const CLIENT = 42;
const SF_ACCOUNT = '001000000000001AAA';
const at = '2026-01-15T09:59:00.000Z';

function world() {
  const clock = new FakeClock('2026-01-15T10:00:00.000Z');
  const repository = new InMemoryWebhooksRepository();
  repository.whmcsClients.set(CLIENT, ACCOUNT);
  repository.salesforceAccounts.set(SF_ACCOUNT, ACCOUNT);
  const billing = new FakeBillingProvider();
  const crm = new FakeCrmProvider();
  const caches = new RecordingCaches();
  const notifications = new RecordingNotifications();
  const { bus, published } = recordingEventBus();
  const metrics = new MetricsService();
  const processor = new WebhookProcessor(
    repository.asRepository(),
    billing,
    crm,
    caches.status,
    caches.read,
    notifications.asService(),
    bus,
    metrics,
    clock,
  );
  return { clock, repository, billing, crm, caches, notifications, published, metrics, processor };
}

describe('WebhookProcessor', () => {
  it('turns a WHMCS invoice hook into invalidated billing blocks, a billing alert from the re-read invoice and an account update', async () => {
    const w = world();
    w.billing.invoices.set(CLIENT, [
      invoice({ id: '1007', status: 'overdue', balance: { amountMinor: 2_500, currency: 'EUR' } }),
    ]);
    w.repository.add('d1', 'whmcs', 'InvoiceChangeStatus', {
      event: 'InvoiceChangeStatus',
      occurredAt: at,
      userid: CLIENT,
      params: { invoiceid: 1007 },
    });
    await w.processor.process('d1');

    expect(w.repository.deliveries.get('d1')).toMatchObject({
      status: 'processed',
      accountId: ACCOUNT,
      attempts: 1,
    });
    expect(w.caches.statusBlocks).toEqual([{ accountId: ACCOUNT, blocks: ['billing'] }]);
    expect(w.caches.readBlocks).toEqual([{ accountId: ACCOUNT, blocks: ['billing'] }]);
    expect(w.published).toEqual([
      {
        id: stableEventId('d1:billing_alert'),
        type: 'billing_alert',
        accountId: ACCOUNT,
        occurredAt: '2026-01-15T10:00:00.000Z',
        payload: { kind: 'invoice_overdue', invoiceId: '1007', status: 'overdue' },
      },
      {
        id: stableEventId('d1:account_update'),
        type: 'account_update',
        accountId: ACCOUNT,
        occurredAt: '2026-01-15T10:00:00.000Z',
        payload: { blocks: ['billing'], reason: 'whmcs:InvoiceChangeStatus' },
      },
    ]);
    expect(w.notifications.notified.map((n) => n.dedupKey)).toEqual(['invoice_overdue:1007']);
  });

  it('finds the client of an invoice hook without a user id through the invoice', async () => {
    const w = world();
    w.billing.invoices.set(CLIENT, [
      invoice({ id: '1008', status: 'paid', balance: { amountMinor: 0, currency: 'EUR' } }),
    ]);
    w.repository.add('d2', 'whmcs', 'InvoicePaid', {
      event: 'InvoicePaid',
      occurredAt: at,
      userid: null,
      params: { invoiceid: '1008' },
    });
    await w.processor.process('d2');
    expect(w.published.map((e) => [e.type, e.type === 'billing_alert' ? e.payload.kind : null])).toEqual([
      ['billing_alert', 'invoice_paid'],
      ['account_update', null],
    ]);
    expect(w.notifications.notified).toEqual([]);
  });

  it('ignores unknown accounts and hooks that touch nothing, without retrying', async () => {
    const w = world();
    w.repository.add('d3', 'whmcs', 'ClientEdit', {
      event: 'ClientEdit',
      occurredAt: at,
      userid: 999,
      params: {},
    });
    w.repository.add('d4', 'whmcs', 'DailyCronJob', {
      event: 'DailyCronJob',
      occurredAt: at,
      userid: CLIENT,
      params: {},
    });
    await w.processor.process('d3');
    await w.processor.process('d4');
    expect(w.repository.deliveries.get('d3')).toMatchObject({ status: 'ignored', accountId: null });
    expect(w.repository.deliveries.get('d4')).toMatchObject({ status: 'ignored', accountId: ACCOUNT });
    expect(w.published).toEqual([]);
    expect(w.caches.statusBlocks).toEqual([]);
  });

  it('maps a Salesforce case comment to its case (re-read) and the cases block', async () => {
    const w = world();
    w.crm.commentCase.set('00a000000000001AAA', '500000000000007AAA');
    w.repository.add('s1', 'salesforce', 'CaseCommentCreated', {
      event: 'CaseCommentCreated',
      occurredAt: at,
      sobject: 'CaseComment',
      recordId: '00a000000000001AAA',
      accountId: SF_ACCOUNT.slice(0, 15),
    });
    await w.processor.process('s1');
    expect(w.caches.statusBlocks).toEqual([{ accountId: ACCOUNT, blocks: ['cases'] }]);
    expect(w.published.map((e) => e.type)).toEqual(['account_update', 'case_updated']);
    expect(w.published[1]).toMatchObject({
      payload: { caseId: '500000000000007AAA', reason: 'comment_added' },
    });
  });

  it('records a failure and rethrows it for the queue to retry; the retry gives the same event ids', async () => {
    const w = world();
    w.billing.invoices.set(CLIENT, [invoice({ id: '1009', status: 'unpaid' })]);
    w.repository.add('d5', 'whmcs', 'InvoiceCreated', {
      event: 'InvoiceCreated',
      occurredAt: at,
      params: { invoiceid: 1009 },
      userid: null,
    });
    w.billing.failing.add('getInvoiceClientId');
    await expect(w.processor.process('d5')).rejects.toThrow('getInvoiceClientId: upstream unavailable');
    expect(w.repository.deliveries.get('d5')).toMatchObject({
      status: 'failed',
      lastError: 'FakeUpstreamDown: getInvoiceClientId: upstream unavailable',
    });

    w.billing.failing.clear();
    w.clock.advance(30_000);
    await w.processor.process('d5');
    expect(w.repository.deliveries.get('d5')).toMatchObject({ status: 'processed', attempts: 2 });
    expect(w.published.map((e) => e.id)).toEqual([
      stableEventId('d5:billing_alert'),
      stableEventId('d5:account_update'),
    ]);
  });

  it('gives up at once on a payload that no longer matches its schema', async () => {
    const w = world();
    w.repository.add('d6', 'whmcs', 'InvoicePaid', { event: '', occurredAt: 'yesterday' });
    await expect(w.processor.process('d6')).rejects.toBeInstanceOf(PermanentJobError);
    expect(w.repository.deliveries.get('d6')?.status).toBe('failed');
  });

  it('leaves finished deliveries alone and dead-letters only unfinished ones', async () => {
    const w = world();
    w.repository.add('d7', 'whmcs', 'ClientEdit', {
      event: 'ClientEdit',
      occurredAt: at,
      userid: CLIENT,
      params: {},
    });
    await w.processor.process('d7');
    await w.processor.process('d7');
    expect(w.repository.deliveries.get('d7')?.attempts).toBe(1);
    await w.processor.deadLetter('d7', new Error('late'), 5);
    expect(w.repository.deliveries.get('d7')?.status).toBe('processed');

    w.repository.add('d8', 'whmcs', 'ClientEdit', {
      event: 'ClientEdit',
      occurredAt: at,
      userid: CLIENT,
      params: {},
    }).status = 'failed';
    await w.processor.deadLetter('d8', new Error('boom'), 5);
    expect(w.repository.deliveries.get('d8')).toMatchObject({
      status: 'dead_lettered',
      lastError: 'Error: boom',
    });
  });

  it('alerts a failed automatic payment once per capture attempt, and only while something is due', () => {
    const failed = invoice({ id: '7', status: 'unpaid', lastCaptureAttemptAt: '2026-01-14T03:00:00.000Z' });
    expect(invoiceAlerts(failed).map((n) => n.dedupKey)).toEqual([
      'payment_failed:7:2026-01-14T03:00:00.000Z',
    ]);
    expect(invoiceAlerts({ ...failed, balance: { amountMinor: 0, currency: 'EUR' } })).toEqual([]);
    expect(invoiceAlerts(invoice({ id: '8', status: 'overdue' })).map((n) => n.kind)).toEqual([
      'invoice_overdue',
    ]);
    expect(invoiceAlerts(null)).toEqual([]);
  });
});
