import { afterEach, describe, expect, it } from '@jest/globals';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { meSchema, type Role } from '@portico/domain';
import { authKeys } from '@/features/auth/api/keys';
import de from '@/messages/de.json';
import { startFakeBff } from '@/test/fake-bff';
import { renderWithProviders, testQueryClient } from '@/test/render';
import { ServicesView } from './services-view';

const ACCOUNT = 'acc-1';
const ME = '/api/v1/me';
const SUBSCRIPTIONS = `/api/v1/accounts/${ACCOUNT}/subscriptions`;
const meta = { source: 'whmcs', fetchedAt: '2026-01-15T10:00:00.000Z', stale: false };

const me = (role: Role) => ({
  user: { id: 'u1', email: 'ada@example.com', name: 'Ada Lovelace', mfaEnabled: false, locale: null },
  memberships: [{ accountId: ACCOUNT, accountName: 'Acme', role, mfaRequired: false }],
  platformAdmin: false,
  lastAccountId: ACCOUNT,
});

const service = (overrides: Record<string, unknown>) => ({
  id: 's1',
  productName: 'Business Hosting',
  groupName: 'Web hosting',
  domain: 'acme.example',
  status: 'active',
  billingCycle: 'monthly',
  recurringAmount: { amountMinor: 123456, currency: 'EUR' },
  registeredOn: '2025-03-01',
  nextDueOn: '2026-03-01',
  disk: null,
  bandwidth: null,
  cancellation: null,
  ...overrides,
});

const cancellation = (overrides: Record<string, unknown> = {}) => ({
  subscriptionId: 's1',
  type: 'immediate',
  reason: 'Moving to another provider',
  requestedAt: '2026-01-20T09:30:00.000Z',
  requestedBy: 'Ada Lovelace',
  ...overrides,
});

/** One of every kind: cancellable, free, not cancellable (terminated), and one already being cancelled. */
const mixed = () => [
  service({}),
  service({
    id: 's2',
    productName: 'Free DNS',
    groupName: null,
    domain: null,
    status: 'pending',
    billingCycle: 'free',
    recurringAmount: { amountMinor: 0, currency: 'EUR' },
    nextDueOn: '2026-04-15',
  }),
  service({ id: 's3', productName: 'Old VPS', status: 'terminated', nextDueOn: null }),
  service({
    id: 's4',
    productName: 'Mail Plus',
    status: 'suspended',
    cancellation: cancellation({ subscriptionId: 's4', type: 'end_of_billing_period' }),
  }),
  service({ id: 's5', productName: 'Backup', status: 'suspended' }),
];

const nbsp = (text: string | null | undefined) => (text ?? '').replace(/\u00a0/g, ' ');

/** The BFF's answer to a reason that is blank but for one letter once trimmed. */
const REASON_REFUSED = {
  status: 400,
  body: {
    code: 'validation_failed',
    message: 'Request validation failed',
    requestId: 'r1',
    details: [{ path: 'body.reason', rule: 'tooShort', limit: 3, message: 'tell us why, in a few words' }],
  },
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('ServicesView', () => {
  it('lists the services with their status, price, cycle and next due date, and says which are free', async () => {
    const bff = await startFakeBff({
      [`GET ${ME}`]: () => ({ status: 200, body: me('owner') }),
      [`GET ${SUBSCRIPTIONS}`]: () => ({ status: 200, body: { items: mixed(), meta } }),
    });
    close = bff.close;
    renderWithProviders(<ServicesView accountId={ACCOUNT} />);
    const list = await screen.findByTestId('services');
    expect(within(list).getAllByRole('listitem')).toHaveLength(5);

    const hosting = screen.getByTestId('service-s1');
    expect(within(hosting).getByText('Business Hosting')).toBeTruthy();
    expect(within(hosting).getByText('Active')).toBeTruthy();
    expect(within(hosting).getByText('Web hosting · acme.example')).toBeTruthy();
    expect(nbsp(within(hosting).getByText('Price').nextElementSibling?.textContent)).toBe(
      '€1,234.56 Monthly',
    );
    expect(within(hosting).getByText('Next due').nextElementSibling?.textContent).toBe('Mar 1, 2026');

    const dns = screen.getByTestId('service-s2');
    expect(within(dns).getByText('Pending')).toBeTruthy();
    expect(within(dns).getByText('No domain')).toBeTruthy();
    expect(nbsp(within(dns).getByText('Price').nextElementSibling?.textContent)).toBe('Free Free');
    expect(dns.textContent).not.toContain('€');
    expect(within(dns).getByText('Next due').nextElementSibling?.textContent).toBe('Apr 15, 2026');

    const vps = screen.getByTestId('service-s3');
    expect(within(vps).getByText('Terminated')).toBeTruthy();
    expect(within(vps).getByText('Next due').nextElementSibling?.textContent).toBe('–');

    const mail = screen.getByTestId('service-s4');
    expect(within(mail).getByText('Suspended')).toBeTruthy();
    expect(within(mail).getByText('Cancellation requested')).toBeTruthy();
    expect(within(mail).getByText('Requested Jan 20, 2026 by Ada Lovelace')).toBeTruthy();
  });

  it.each<Role>(['owner', 'admin'])(
    'offers the %s role the cancellation of only services that can be cancelled and are not being cancelled',
    async (role) => {
      const bff = await startFakeBff({
        [`GET ${ME}`]: () => ({ status: 200, body: me(role) }),
        [`GET ${SUBSCRIPTIONS}`]: () => ({ status: 200, body: { items: mixed(), meta } }),
      });
      close = bff.close;
      renderWithProviders(<ServicesView accountId={ACCOUNT} />);
      expect(
        await within(await screen.findByTestId('service-s1')).findByRole('button', {
          name: 'Cancel service',
        }),
      ).toBeTruthy();
      const offered = screen
        .getAllByRole('button', { name: 'Cancel service' })
        .map((button) => button.closest('li')?.getAttribute('data-testid'));
      // Active, pending and suspended can be cancelled; terminated cannot; s4 already has a pending cancellation.
      expect(offered).toEqual(['service-s1', 'service-s2', 'service-s5']);
    },
  );

  it.each<Role>(['billing', 'technical', 'viewer'])(
    'offers the %s role (without subscriptions:manage) no cancellation',
    async (role) => {
      const bff = await startFakeBff({
        [`GET ${ME}`]: () => ({ status: 200, body: me(role) }),
        [`GET ${SUBSCRIPTIONS}`]: () => ({ status: 200, body: { items: mixed(), meta } }),
      });
      close = bff.close;
      // The role is known from the first render (as after sign-in, `me` is in the cache), so the absence of the
      // button below is the view's decision, not a role still loading.
      const queryClient = testQueryClient();
      queryClient.setQueryData(authKeys.me(), meSchema.parse(me(role)));
      renderWithProviders(<ServicesView accountId={ACCOUNT} />, { queryClient });
      await screen.findByTestId('services');
      expect(screen.getAllByRole('listitem')).toHaveLength(5);
      expect(screen.queryByRole('button', { name: 'Cancel service' })).toBeNull();
    },
  );

  it('requests an immediate cancellation with the reason and says it was requested', async () => {
    let cancelled = false;
    const bff = await startFakeBff({
      [`GET ${ME}`]: () => ({ status: 200, body: me('admin') }),
      [`GET ${SUBSCRIPTIONS}`]: () => ({
        status: 200,
        body: {
          items: [
            service({ cancellation: cancelled ? cancellation() : null }),
            service({ id: 's2', productName: 'Backup' }),
          ],
          meta,
        },
      }),
      [`POST ${SUBSCRIPTIONS}/s1/cancellation`]: () => {
        cancelled = true;
        return { status: 201, body: cancellation() };
      },
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<ServicesView accountId={ACCOUNT} />);
    const row = await screen.findByTestId('service-s1');
    await user.click(await within(row).findByRole('button', { name: 'Cancel service' }));

    const dialog = within(row).getByTestId('cancel-dialog');
    expect(
      within(dialog).getByRole('heading', { name: 'Cancel Business Hosting (acme.example)?' }),
    ).toBeTruthy();
    // The end of the paid period is the default; its date is the next due date.
    expect(
      within(dialog).getByRole<HTMLInputElement>('radio', {
        name: /^At the end of the paid period \(Mar 1, 2026\)/,
      }).checked,
    ).toBe(true);
    expect(within(row).queryByRole('button', { name: 'Cancel service' })).toBeNull();

    await user.click(within(dialog).getByRole('radio', { name: /^Immediately/ }));
    await user.type(within(dialog).getByLabelText(/Why are you cancelling\?/), 'Moving to another provider');
    await user.click(within(dialog).getByRole('button', { name: 'Request cancellation' }));

    expect((await screen.findByTestId('cancellation-requested')).textContent).toBe(
      'Cancellation requested (immediately). We have let the billing team know.',
    );
    const posts = bff.received.filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.path)).toEqual([`${SUBSCRIPTIONS}/s1/cancellation`]);
    expect(posts[0]!.body).toEqual({ type: 'immediate', reason: 'Moving to another provider' });
    // The dialog closes and the refreshed list shows the pending cancellation instead of the button.
    expect(screen.queryByTestId('cancel-dialog')).toBeNull();
    expect(await within(row).findByText('Cancellation requested')).toBeTruthy();
    expect(within(row).queryByRole('button', { name: 'Cancel service' })).toBeNull();
    expect(
      within(screen.getByTestId('service-s2')).getByRole('button', { name: 'Cancel service' }),
    ).toBeTruthy();
  });

  it('sends the end of the billing period when that stays chosen', async () => {
    const bff = await startFakeBff({
      [`GET ${ME}`]: () => ({ status: 200, body: me('owner') }),
      [`GET ${SUBSCRIPTIONS}`]: () => ({ status: 200, body: { items: [service({})], meta } }),
      [`POST ${SUBSCRIPTIONS}/s1/cancellation`]: () => ({
        status: 201,
        body: cancellation({ type: 'end_of_billing_period', reason: 'Too expensive' }),
      }),
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<ServicesView accountId={ACCOUNT} />);
    await user.click(await screen.findByRole('button', { name: 'Cancel service' }));
    await user.type(screen.getByLabelText(/Why are you cancelling\?/), 'Too expensive');
    await user.click(screen.getByRole('button', { name: 'Request cancellation' }));
    expect((await screen.findByTestId('cancellation-requested')).textContent).toBe(
      'Cancellation requested (at the end of the billing period). We have let the billing team know.',
    );
    expect(bff.received.find((r) => r.method === 'POST')?.body).toEqual({
      type: 'end_of_billing_period',
      reason: 'Too expensive',
    });
  });

  it("shows the BFF's refusal of the reason next to the field", async () => {
    const bff = await startFakeBff({
      [`GET ${ME}`]: () => ({ status: 200, body: me('owner') }),
      [`GET ${SUBSCRIPTIONS}`]: () => ({ status: 200, body: { items: [service({})], meta } }),
      [`POST ${SUBSCRIPTIONS}/s1/cancellation`]: () => REASON_REFUSED,
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<ServicesView accountId={ACCOUNT} />);
    await user.click(await screen.findByRole('button', { name: 'Cancel service' }));
    const reason = screen.getByLabelText(/Why are you cancelling\?/);
    // Long enough for the browser, but only blanks and one letter once the BFF trims it.
    await user.type(reason, '   x');
    await user.click(screen.getByRole('button', { name: 'Request cancellation' }));

    const error = await screen.findByText('Tell us why, in a few words');
    expect(error.closest('label')).toBe(reason.closest('label'));
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    // The field says it; no second, general alert.
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByTestId('cancel-dialog')).toBeTruthy();
    expect(screen.queryByTestId('cancellation-requested')).toBeNull();
  });

  it('speaks German: German money, dates and words, and the refused reason worded by its rule', async () => {
    const bff = await startFakeBff({
      [`GET ${ME}`]: () => ({ status: 200, body: me('owner') }),
      [`GET ${SUBSCRIPTIONS}`]: () => ({
        status: 200,
        body: {
          items: [
            service({}),
            service({
              id: 's2',
              productName: 'Free DNS',
              status: 'suspended',
              billingCycle: 'free',
              recurringAmount: { amountMinor: 0, currency: 'EUR' },
            }),
          ],
          meta,
        },
      }),
      [`POST ${SUBSCRIPTIONS}/s1/cancellation`]: () => REASON_REFUSED,
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<ServicesView accountId={ACCOUNT} />, { locale: 'de', messages: de });
    const row = await screen.findByTestId('service-s1');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Dienste');
    expect(within(row).getByText('Aktiv')).toBeTruthy();
    expect(nbsp(within(row).getByText('Preis').nextElementSibling?.textContent)).toBe('1.234,56 € Monatlich');
    expect(within(row).getByText('Nächste Fälligkeit').nextElementSibling?.textContent).toBe('01.03.2026');
    const free = screen.getByTestId('service-s2');
    expect(within(free).getByText('Gesperrt')).toBeTruthy();
    expect(nbsp(within(free).getByText('Preis').nextElementSibling?.textContent)).toBe('Kostenlos Kostenlos');

    await user.click(await within(row).findByRole('button', { name: 'Dienst kündigen' }));
    await user.click(screen.getByRole('radio', { name: /^Sofort/ }));
    const reason = screen.getByLabelText(/Warum kündigen Sie\?/);
    await user.type(reason, '   x');
    await user.click(screen.getByRole('button', { name: 'Kündigung anfragen' }));
    const error = await screen.findByText('Mindestens 3 Zeichen');
    expect(error.closest('label')).toBe(reason.closest('label'));
    expect(reason.getAttribute('aria-invalid')).toBe('true');
    expect(screen.queryByText('Tell us why, in a few words')).toBeNull();
    expect(bff.received.find((r) => r.method === 'POST')?.body).toEqual({
      type: 'immediate',
      reason: '   x',
    });
  });

  it('says when the services cannot be loaded, and retries', async () => {
    let up = false;
    const bff = await startFakeBff({
      [`GET ${ME}`]: () => ({ status: 200, body: me('owner') }),
      [`GET ${SUBSCRIPTIONS}`]: () =>
        up
          ? { status: 200, body: { items: [service({})], meta } }
          : {
              status: 503,
              body: {
                code: 'upstream_unavailable',
                message: 'Billing system is unavailable',
                requestId: 'r9',
              },
            },
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<ServicesView accountId={ACCOUNT} />);
    const alert = await screen.findByRole('alert');
    expect(within(alert).getByText('We could not load your services')).toBeTruthy();
    expect(alert.textContent).toContain('r9');
    expect(screen.queryByTestId('services')).toBeNull();
    up = true;
    await user.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByTestId('service-s1')).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(bff.received.filter((r) => r.method === 'GET' && r.path === SUBSCRIPTIONS)).toHaveLength(2);
  });
});
