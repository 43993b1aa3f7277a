import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import de from '@/messages/de.json';
import { startFakeBff } from '@/test/fake-bff';
import { renderWithProviders } from '@/test/render';
import { AdminAccountsView } from './admin-accounts-view';

const ACCOUNTS = '/api/v1/admin/accounts';
const acme = {
  id: '5b7f2a34-9d1c-4c8e-8f5a-0c2d9b3e4a11',
  name: 'Acme Hosting',
  whmcsClientId: 1,
  salesforceAccountId: '001A0000001AcmeAAA',
  memberCount: 3,
  createdAt: '2026-01-01T09:00:00.000Z',
};
const globex = {
  ...acme,
  id: '7c1e0b22-3f4a-4d5b-9e6f-1a2b3c4d5e6f',
  name: 'Globex',
  whmcsClientId: null,
  salesforceAccountId: null,
  memberCount: 1,
};
const page = (items: unknown[]) => ({ items, page: { page: 1, pageSize: 20, total: items.length } });

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('AdminAccountsView', () => {
  it('lists every account with its links and members', async () => {
    const bff = await startFakeBff({
      [`GET ${ACCOUNTS}`]: () => ({ status: 200, body: page([acme, globex]) }),
    });
    close = bff.close;
    renderWithProviders(<AdminAccountsView initialSearch="" initialPage={1} />);
    const table = await screen.findByTestId('admin-account-table');
    const [first, second] = within(table).getAllByRole('row').slice(1);
    expect(within(first!).getByText('001A0000001AcmeAAA')).toBeTruthy();
    expect(within(first!).getByText('Jan 1, 2026')).toBeTruthy();
    expect(within(second!).getAllByText('Not linked')).toHaveLength(2);
    expect(within(second!).getByRole('button', { name: 'Edit links of Globex' })).toBeTruthy();
  });

  it('searches through the URL and says when nothing matches', async () => {
    const bff = await startFakeBff({ [`GET ${ACCOUNTS}`]: () => ({ status: 200, body: page([]) }) });
    close = bff.close;
    const user = userEvent.setup();
    const { router } = renderWithProviders(<AdminAccountsView initialSearch="" initialPage={1} />, {
      pathname: '/admin',
    });
    expect(await screen.findByText('No accounts yet')).toBeTruthy();
    await user.type(screen.getByRole('searchbox', { name: 'Search accounts' }), '  initech ');
    await user.click(screen.getByRole('button', { name: 'Search' }));
    expect(router.visited).toEqual(['/admin?search=initech&page=1']);
    expect(await screen.findByText('No account matches this search')).toBeTruthy();
  });

  it('edits the links of an account and says they were saved', async () => {
    let current = globex;
    const bff = await startFakeBff({
      [`GET ${ACCOUNTS}`]: () => ({ status: 200, body: page([current]) }),
      [`PATCH ${ACCOUNTS}/${globex.id}`]: (req) => {
        current = { ...globex, ...(req.body as object) };
        return { status: 200, body: current };
      },
    });
    close = bff.close;
    const user = userEvent.setup();
    window.scrollTo = () => undefined;
    renderWithProviders(<AdminAccountsView initialSearch="" initialPage={1} />);
    await user.click(await screen.findByRole('button', { name: 'Edit links of Globex' }));
    expect(screen.getByRole('heading', { name: 'Links of Globex' })).toBeTruthy();
    await user.type(screen.getByLabelText('WHMCS client id'), '42');
    await user.click(screen.getByRole('button', { name: 'Save links' }));
    expect((await screen.findByRole('status')).textContent).toBe('Saved the links of Globex.');
    expect(screen.queryByTestId('account-link-form')).toBeNull();
    await waitFor(() =>
      expect(within(screen.getByTestId('admin-account-table')).getByText('42')).toBeTruthy(),
    );
  });

  it('says when the accounts cannot be loaded', async () => {
    const bff = await startFakeBff({
      [`GET ${ACCOUNTS}`]: () => ({
        status: 500,
        body: { code: 'internal', message: 'Something broke', requestId: 'r7' },
      }),
    });
    close = bff.close;
    renderWithProviders(<AdminAccountsView initialSearch="" initialPage={1} />);
    expect(await screen.findByText('We could not load the accounts')).toBeTruthy();
  });

  it('speaks German, with German dates', async () => {
    const bff = await startFakeBff({
      [`GET ${ACCOUNTS}`]: () => ({ status: 200, body: page([acme, globex]) }),
    });
    close = bff.close;
    renderWithProviders(<AdminAccountsView initialSearch="" initialPage={1} />, {
      locale: 'de',
      messages: de,
    });
    const table = await screen.findByTestId('admin-account-table');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Konten');
    expect(within(table).getByRole('columnheader', { name: 'Mitglieder' })).toBeTruthy();
    expect(within(table).getAllByText('01.01.2026')).toHaveLength(2);
    expect(within(table).getAllByText('Nicht verknüpft')).toHaveLength(2);
    expect(within(table).getByRole('button', { name: 'Verknüpfungen bearbeiten (Globex)' })).toBeTruthy();
  });
});
