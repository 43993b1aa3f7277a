import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startFakeBff } from '@/test/fake-bff';
import { renderWithProviders } from '@/test/render';
import { SessionsCard } from './sessions-card';

const session = (id: string, device: string, current: boolean) => ({
  id,
  device,
  ip: '203.0.113.7',
  createdAt: '2026-01-15T10:00:00.000Z',
  lastSeenAt: '2026-01-15T11:00:00.000Z',
  expiresAt: '2026-01-22T10:00:00.000Z',
  current,
});

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('SessionsCard', () => {
  it('lists sessions, marks this device, and signs another one out', async () => {
    let sessions = [session('s1', 'Chrome 142 on Linux', true), session('s2', 'Safari 17 on macOS', false)];
    const bff = await startFakeBff({
      'GET /api/v1/auth/sessions': () => ({ status: 200, body: { sessions } }),
      'DELETE /api/v1/auth/sessions/s2': () => {
        sessions = sessions.filter((s) => s.id !== 's2');
        return { status: 204 };
      },
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<SessionsCard />);
    const rows = await screen.findAllByTestId('session-row');
    expect(rows.map((r) => r.textContent?.includes('This device'))).toEqual([true, false]);
    expect(within(rows[0]!).queryByRole('button')).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Sign out Safari 17 on macOS' }));
    await waitFor(() => expect(screen.getAllByTestId('session-row')).toHaveLength(1));
    expect(bff.received.map((r) => `${r.method} ${r.path}`)).toContain('DELETE /api/v1/auth/sessions/s2');
    expect(
      screen.getByRole<HTMLButtonElement>('button', { name: 'Sign out all other sessions' }).disabled,
    ).toBe(true);
  });

  it('says when the sessions cannot be loaded', async () => {
    const bff = await startFakeBff({
      'GET /api/v1/auth/sessions': () => ({
        status: 503,
        body: { code: 'upstream_unavailable', message: 'Try again later', requestId: 'r' },
      }),
    });
    close = bff.close;
    renderWithProviders(<SessionsCard />);
    expect(await screen.findByText(/Could not load your sessions/)).toBeTruthy();
  });
});
