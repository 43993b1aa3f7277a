import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import de from '@/messages/de.json';
import { startFakeBff } from '@/test/fake-bff';
import { renderWithProviders } from '@/test/render';
import { DomainsView } from './domains-view';

const DOMAINS = '/api/v1/accounts/acc_1/domains';
/** A calendar date `days` from today (UTC), as the BFF writes it. */
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

const domain = (overrides: Record<string, unknown>) => ({
  id: 'd1',
  name: 'acme.example',
  status: 'active',
  registeredOn: '2020-01-10',
  expiresOn: inDays(200),
  nextDueOn: inDays(186),
  autoRenew: true,
  registrar: 'enom',
  periodYears: 1,
  recurringAmount: { amountMinor: 1299, currency: 'EUR' },
  ...overrides,
});

const list = (items: unknown[], extra: Record<string, unknown> = {}) => ({
  items,
  total: items.length,
  expiringSoon: 0,
  meta: { source: 'whmcs', fetchedAt: new Date().toISOString(), stale: false },
  ...extra,
});

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('DomainsView', () => {
  it('lists the domains in German with status, expiry, renewal and the expiring-soon warning', async () => {
    const bff = await startFakeBff({
      [`GET ${DOMAINS}`]: () => ({
        status: 200,
        body: list(
          [
            domain({ id: 'd1', name: 'acme.example', expiresOn: inDays(10) }),
            domain({
              id: 'd2',
              name: 'old.example',
              status: 'expired',
              expiresOn: '2025-03-01',
              autoRenew: false,
              registrar: null,
              periodYears: 2,
              recurringAmount: { amountMinor: 123456, currency: 'EUR' },
            }),
          ],
          { expiringSoon: 1 },
        ),
      }),
    });
    close = bff.close;
    renderWithProviders(<DomainsView accountId="acc_1" initialStatus="all" />, {
      locale: 'de',
      messages: de,
    });
    const table = await screen.findByTestId('domains-table');
    const [soon, expired] = within(table).getAllByRole('row').slice(1);
    expect(within(soon!).getByText('acme.example')).toBeTruthy();
    expect(within(soon!).getByText('Aktiv')).toBeTruthy();
    expect(soon!.textContent).toContain('in 10 Tagen');
    expect(soon!.textContent).toContain('12,99\u00a0€');
    expect(soon!.textContent).toContain('/ 1 Jahr');
    expect(within(expired!).getByText('Abgelaufen')).toBeTruthy();
    expect(expired!.textContent).toContain('01.03.2025');
    expect(expired!.textContent).not.toContain('Tagen');
    expect(expired!.textContent).toContain('Aus');
    expect(expired!.textContent).toContain('1.234,56\u00a0€');
    expect(expired!.textContent).toContain('/ 2 Jahre');
    expect(screen.getByTestId('domains-expiring').textContent).toBe(
      '1 Domain läuft innerhalb von 30 Tagen ab.',
    );
  });

  it('asks the BFF for the chosen status and the searched name, and keeps the status in the URL', async () => {
    const bff = await startFakeBff({
      [`GET ${DOMAINS}`]: (req) => ({
        status: 200,
        body: list(req.query?.status === 'expired' ? [] : [domain({})], { total: 1 }),
      }),
    });
    close = bff.close;
    const user = userEvent.setup();
    const { router } = renderWithProviders(<DomainsView accountId="acc_1" initialStatus="all" />);
    await screen.findByTestId('domains-table');
    expect(bff.received.at(-1)?.query).toEqual({ status: 'all' });

    await user.click(screen.getByRole('radio', { name: 'Expired' }));
    // Domains exist, none matches: the "no match" state, not the "none yet" one.
    expect(await screen.findByText('No domain matches')).toBeTruthy();
    expect(bff.received.at(-1)?.query).toEqual({ status: 'expired' });
    expect(router.visited.at(-1)).toBe('/?status=expired');

    await user.type(screen.getByRole('searchbox', { name: 'Search domains' }), ' acme ');
    // The name is trimmed; earlier keystrokes' requests may still be answering, so look for this one among them.
    await waitFor(() =>
      expect(bff.received.map((r) => r.query)).toContainEqual({ status: 'expired', search: 'acme' }),
    );
    expect(bff.received.map((r) => r.query)).not.toContainEqual({ status: 'expired', search: ' acme ' });
  }, 15_000);

  it('says when there are no domains at all, and offers a retry when the list fails', async () => {
    let fail = true;
    const bff = await startFakeBff({
      [`GET ${DOMAINS}`]: () =>
        fail
          ? {
              status: 503,
              body: { code: 'upstream_unavailable', message: 'Billing is down', requestId: 'r1' },
            }
          : { status: 200, body: list([]) },
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<DomainsView accountId="acc_1" initialStatus="all" />);
    expect(await screen.findByText('We could not load your domains')).toBeTruthy();
    fail = false;
    await user.click(screen.getByRole('button', { name: /try again|retry/i }));
    expect(await screen.findByText('No domains yet')).toBeTruthy();
  });
});
