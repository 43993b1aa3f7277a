import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import de from '@/messages/de.json';
import { startFakeBff } from '@/test/fake-bff';
import { renderWithProviders } from '@/test/render';
import { WebhookDeliveriesView } from './webhook-deliveries-view';

const DELIVERIES = '/api/v1/admin/webhook-deliveries';
const LONG_ERROR = `Upstream answered 500: ${'x'.repeat(120)}`;

const delivery = (overrides: Record<string, unknown>) => ({
  id: 'd1',
  provider: 'whmcs',
  deliveryId: 'msg_2Yh',
  eventType: 'InvoicePaid',
  accountId: 'acc-1',
  status: 'dead_lettered',
  attempts: 5,
  lastError: 'Billing system timed out',
  receivedAt: '2026-01-15T10:00:00.000Z',
  processedAt: null,
  ...overrides,
});

const page = (items: unknown[]) => ({ items, page: { page: 1, pageSize: 20, total: items.length } });

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('WebhookDeliveriesView', () => {
  it('lists the deliveries with their provider, attempts, last error and status', async () => {
    const bff = await startFakeBff({
      [`GET ${DELIVERIES}`]: () => ({
        status: 200,
        body: page([
          delivery({}),
          delivery({
            id: 'd2',
            provider: 'salesforce',
            deliveryId: 'sf_9',
            eventType: 'CaseUpdated',
            accountId: null,
            status: 'processed',
            attempts: 1,
            lastError: LONG_ERROR,
          }),
        ]),
      }),
    });
    close = bff.close;
    renderWithProviders(<WebhookDeliveriesView initialStatus="all" initialPage={1} />);
    const table = await screen.findByTestId('webhook-delivery-table');
    const [dead, done] = within(table).getAllByRole('row').slice(1);
    expect(dead!.textContent).toContain('WHMCS · msg_2Yh');
    expect(within(dead!).getByText('Dead-lettered')).toBeTruthy();
    expect(within(dead!).getByText('Billing system timed out')).toBeTruthy();
    expect(within(dead!).getByRole('button', { name: 'Replay InvoicePaid delivery msg_2Yh' })).toBeTruthy();
    expect(within(done!).getByText('Unknown')).toBeTruthy();
    expect(within(done!).getByText('Processed')).toBeTruthy();
    // A long error is cut to one line; the whole text is one click away.
    expect(within(done!).getByText(`${LONG_ERROR.slice(0, 80)}…`)).toBeTruthy();
    expect(within(done!).queryByRole('button')).toBeNull();
  });

  it('replays a dead letter and says it was queued', async () => {
    const bff = await startFakeBff({
      [`GET ${DELIVERIES}`]: () => ({ status: 200, body: page([delivery({})]) }),
      [`POST ${DELIVERIES}/d1/replay`]: () => ({ status: 202, body: delivery({ status: 'received' }) }),
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<WebhookDeliveriesView initialStatus="dead_lettered" initialPage={1} />);
    await user.click(await screen.findByRole('button', { name: /^Replay InvoicePaid/ }));
    expect((await screen.findByRole('status')).textContent).toBe(
      'Queued InvoicePaid (WHMCS delivery msg_2Yh) again.',
    );
    expect(bff.received.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([
      `${DELIVERIES}/d1/replay`,
    ]);
  });

  it("shows the BFF's refusal of a replay as an alert", async () => {
    const bff = await startFakeBff({
      [`GET ${DELIVERIES}`]: () => ({ status: 200, body: page([delivery({})]) }),
      [`POST ${DELIVERIES}/d1/replay`]: () => ({
        status: 409,
        body: { code: 'conflict', message: 'This delivery is already queued', requestId: 'r1' },
      }),
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<WebhookDeliveriesView initialStatus="dead_lettered" initialPage={1} />);
    await user.click(await screen.findByRole('button', { name: /^Replay InvoicePaid/ }));
    expect((await screen.findByRole('alert')).textContent).toBe('This delivery is already queued');
  });

  it('filters by status through the URL, and says when no dead letter waits', async () => {
    const bff = await startFakeBff({ [`GET ${DELIVERIES}`]: () => ({ status: 200, body: page([]) }) });
    close = bff.close;
    const user = userEvent.setup();
    const { router } = renderWithProviders(
      <WebhookDeliveriesView initialStatus="dead_lettered" initialPage={1} />,
      { pathname: '/admin/webhook-deliveries' },
    );
    expect(await screen.findByText('No dead-lettered deliveries')).toBeTruthy();
    expect(screen.getByText('Every delivery was processed or is still being retried.')).toBeTruthy();
    await user.selectOptions(screen.getByLabelText('Status'), 'all');
    expect(router.visited).toEqual(['/admin/webhook-deliveries?status=all&page=1']);
    expect(await screen.findByText('No webhook deliveries yet')).toBeTruthy();
  });

  it('speaks German', async () => {
    const bff = await startFakeBff({
      [`GET ${DELIVERIES}`]: () => ({ status: 200, body: page([delivery({})]) }),
    });
    close = bff.close;
    renderWithProviders(<WebhookDeliveriesView initialStatus="dead_lettered" initialPage={1} />, {
      locale: 'de',
      messages: de,
    });
    const table = await screen.findByTestId('webhook-delivery-table');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Webhook-Zustellungen');
    expect(within(table).getByRole('columnheader', { name: 'Letzter Fehler' })).toBeTruthy();
    expect(within(table).getByText('Dead-Letter')).toBeTruthy();
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Wiederholen InvoicePaid-Zustellung msg_2Yh' })).toBeTruthy(),
    );
    expect(screen.getByRole('option', { name: 'Fehlgeschlagen (wird wiederholt)' })).toBeTruthy();
  });
});
