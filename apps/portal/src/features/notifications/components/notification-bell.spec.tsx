import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startFakeBff } from '@/test/fake-bff';
import { renderWithProviders } from '@/test/render';
import { NotificationBell } from './notification-bell';

const LIST = '/api/v1/accounts/acc_1/notifications';
const item = (id: string, title: string, readAt: string | null) => ({
  id,
  kind: 'invoice_overdue',
  title,
  body: 'Pay it now to keep your services running.',
  link: `billing/${id}`,
  createdAt: '2026-01-15T10:00:00.000Z',
  readAt,
});

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('NotificationBell', () => {
  it('announces the unread count and lists the latest notifications, linking into the account', async () => {
    const bff = await startFakeBff({
      [`GET ${LIST}`]: () => ({
        status: 200,
        body: {
          items: [
            item('1007', 'Invoice #1007 is overdue', null),
            item('1006', 'Invoice #1006 is overdue', '2026-01-14T10:00:00.000Z'),
          ],
          unreadCount: 1,
          page: { page: 1, pageSize: 20, total: 2 },
        },
      }),
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<NotificationBell accountId="acc_1" />);
    const bell = await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    expect(bell.getAttribute('aria-expanded')).toBe('false');
    await user.click(bell);
    expect(bell.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('region', { name: 'Notifications' });
    const links = within(panel).getAllByRole('link');
    expect(links[0]!.getAttribute('href')).toBe('/acc_1/billing/1007');
    expect(
      within(panel)
        .getAllByRole('listitem')
        .map((li) => li.getAttribute('data-read')),
    ).toEqual(['false', 'true']);
  });

  it('marks one read and refreshes the count', async () => {
    let readAt: string | null = null;
    const bff = await startFakeBff({
      [`GET ${LIST}`]: () => ({
        status: 200,
        body: {
          items: [item('1007', 'Invoice #1007 is overdue', readAt)],
          unreadCount: readAt ? 0 : 1,
          page: { page: 1, pageSize: 20, total: 1 },
        },
      }),
      [`POST ${LIST}/1007/read`]: () => {
        readAt = '2026-01-15T11:00:00.000Z';
        return { status: 204 };
      },
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<NotificationBell accountId="acc_1" />);
    await user.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    await user.click(screen.getByRole('button', { name: 'Mark “Invoice #1007 is overdue” read' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Notifications' })).toBeTruthy());
    expect(screen.queryByTestId('notification-count')).toBeNull();
  });

  it('closes on Escape', async () => {
    const bff = await startFakeBff({
      [`GET ${LIST}`]: () => ({
        status: 200,
        body: { items: [], unreadCount: 0, page: { page: 1, pageSize: 20, total: 0 } },
      }),
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<NotificationBell accountId="acc_1" />);
    await user.click(await screen.findByRole('button', { name: 'Notifications' }));
    expect(await screen.findByText('Nothing new. Billing alerts appear here.')).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'Notifications' })).toBeNull();
  });
});
