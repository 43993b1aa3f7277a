import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import de from '@/messages/de.json';
import { startFakeBff } from '@/test/fake-bff';
import { renderWithProviders } from '@/test/render';
import { ApiKeysView } from './api-keys-view';

const KEYS = '/api/v1/admin/api-keys';
const ACCOUNTS = '/api/v1/admin/accounts';
const ACME = '5b7f2a34-9d1c-4c8e-8f5a-0c2d9b3e4a11';

const key = (overrides: Record<string, unknown>) => ({
  id: 'k1',
  name: 'Gateway meter',
  accountId: ACME,
  accountName: 'Acme Hosting',
  scopes: ['usage:write'],
  prefix: 'ptk_AbC123',
  createdAt: '2026-01-15T10:00:00.000Z',
  createdBy: 'Ada Admin',
  lastUsedAt: null,
  revokedAt: null,
  ...overrides,
});

const accounts = {
  items: [
    {
      id: ACME,
      name: 'Acme Hosting',
      whmcsClientId: 1,
      salesforceAccountId: null,
      memberCount: 3,
      createdAt: '2026-01-01T00:00:00.000Z',
    },
  ],
  page: { page: 1, pageSize: 100, total: 1 },
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('ApiKeysView', () => {
  it('lists the keys with their account, prefix, last use and state', async () => {
    const bff = await startFakeBff({
      [`GET ${KEYS}`]: () => ({
        status: 200,
        body: {
          items: [
            key({}),
            key({
              id: 'k2',
              name: 'Old meter',
              accountId: null,
              accountName: null,
              prefix: 'ptk_Zz9',
              lastUsedAt: '2026-01-16T08:30:00.000Z',
              revokedAt: '2026-01-17T00:00:00.000Z',
            }),
          ],
        },
      }),
      [`GET ${ACCOUNTS}`]: () => ({ status: 200, body: accounts }),
    });
    close = bff.close;
    renderWithProviders(<ApiKeysView />);
    const table = await screen.findByTestId('api-keys');
    const [first, second] = within(table).getAllByRole('row').slice(1);
    expect(within(first!).getByText('Acme Hosting')).toBeTruthy();
    expect(within(first!).getByText('ptk_AbC123…')).toBeTruthy();
    expect(within(first!).getByText('Never')).toBeTruthy();
    expect(within(first!).getByText('Active')).toBeTruthy();
    expect(within(second!).getByText('Platform-wide')).toBeTruthy();
    expect(within(second!).getByText('Revoked')).toBeTruthy();
    // Last use in the viewer's time zone, written the English way.
    expect(within(second!).getByText(/^Jan 16, 2026, \d{1,2}:\d{2}\s[AP]M$/)).toBeTruthy();
    // A revoked key has nothing left to revoke.
    expect(within(second!).queryByRole('button')).toBeNull();
  });

  it('creates a key for the chosen account and shows its secret once', async () => {
    let items = [] as ReturnType<typeof key>[];
    const bff = await startFakeBff({
      [`GET ${KEYS}`]: () => ({ status: 200, body: { items } }),
      [`GET ${ACCOUNTS}`]: () => ({ status: 200, body: accounts }),
      [`POST ${KEYS}`]: () => {
        items = [key({})];
        return { status: 201, body: { key: key({}), secret: 'ptk_AbC123.s3cr3t' } };
      },
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<ApiKeysView />);
    expect(await screen.findByText('No API keys yet')).toBeTruthy();
    const create = screen.getByRole<HTMLButtonElement>('button', { name: 'Create key' });
    expect(create.disabled).toBe(true);
    await user.type(screen.getByLabelText('Name'), '  Gateway meter ');
    await screen.findByRole('option', { name: 'Acme Hosting' });
    await user.selectOptions(screen.getByLabelText('Account'), ACME);
    await user.click(create);
    const secret = await screen.findByTestId('api-key-secret');
    expect(secret.textContent).toContain('ptk_AbC123.s3cr3t');
    expect(secret.textContent).toContain('Copy this key now: it is not shown again.');
    expect(bff.received.find((r) => r.method === 'POST')).toEqual({
      method: 'POST',
      path: KEYS,
      body: { name: 'Gateway meter', accountId: ACME, scopes: ['usage:write'] },
    });
    expect(await screen.findByText('ptk_AbC123…')).toBeTruthy();
    expect(screen.getByLabelText<HTMLInputElement>('Name').value).toBe('');
  });

  it('revokes a key only after a second, explicit click', async () => {
    let revoked = false;
    const bff = await startFakeBff({
      [`GET ${KEYS}`]: () => ({
        status: 200,
        body: { items: [key(revoked ? { revokedAt: '2026-01-18T00:00:00.000Z' } : {})] },
      }),
      [`GET ${ACCOUNTS}`]: () => ({ status: 200, body: accounts }),
      [`POST ${KEYS}/k1/revoke`]: () => {
        revoked = true;
        return { status: 200, body: key({ revokedAt: '2026-01-18T00:00:00.000Z' }) };
      },
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<ApiKeysView />);
    await user.click(await screen.findByRole('button', { name: 'Revoke Gateway meter' }));
    expect(bff.received.some((r) => r.method === 'POST')).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Keep' }));
    expect(screen.queryByRole('button', { name: 'Revoke now' })).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Revoke Gateway meter' }));
    await user.click(screen.getByRole('button', { name: 'Revoke now' }));
    await waitFor(() => expect(screen.getByText('Revoked')).toBeTruthy());
    expect(bff.received.filter((r) => r.method === 'POST').map((r) => r.path)).toEqual([`${KEYS}/k1/revoke`]);
  });

  it('says when the keys cannot be loaded, and retries', async () => {
    let up = false;
    const bff = await startFakeBff({
      [`GET ${KEYS}`]: () =>
        up
          ? { status: 200, body: { items: [key({})] } }
          : {
              status: 503,
              body: { code: 'upstream_unavailable', message: 'Try again later', requestId: 'r9' },
            },
      [`GET ${ACCOUNTS}`]: () => ({ status: 200, body: accounts }),
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<ApiKeysView />);
    expect(await screen.findByText('We could not load the keys')).toBeTruthy();
    up = true;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('ptk_AbC123…')).toBeTruthy();
  });

  it('speaks German, with German dates', async () => {
    const bff = await startFakeBff({
      [`GET ${KEYS}`]: () => ({
        status: 200,
        body: { items: [key({ lastUsedAt: '2026-01-16T08:30:00.000Z' })] },
      }),
      [`GET ${ACCOUNTS}`]: () => ({ status: 200, body: accounts }),
    });
    close = bff.close;
    renderWithProviders(<ApiKeysView />, { locale: 'de', messages: de });
    const table = await screen.findByTestId('api-keys');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Nutzungs-API-Schlüssel');
    expect(within(table).getByRole('columnheader', { name: 'Zuletzt verwendet' })).toBeTruthy();
    expect(within(table).getByText(/^16\.01\.2026, \d{2}:\d{2}$/)).toBeTruthy();
    expect(within(table).getByText('Aktiv')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Widerrufen Gateway meter' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Schlüssel erstellen' })).toBeTruthy();
  });
});
