import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { startFakeBff } from '@/test/fake-bff';
import { renderWithProviders } from '@/test/render';
import de from '@/messages/de.json';
import { InviteForm } from './invite-form';

const ACCOUNT = 'acc_1';
const INVITES = `/api/v1/accounts/${ACCOUNT}/members/invites`;
const invite = {
  id: '0f8fad5b-d9cb-469f-a165-70867728950e',
  email: 'new@acme.example',
  role: 'billing',
  invitedBy: 'Olive',
  createdAt: '2026-01-15T10:00:00.000Z',
  expiresAt: '2026-01-22T10:00:00.000Z',
  expired: false,
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('InviteForm', () => {
  it('offers the owner role only to owners', () => {
    const { unmount } = renderWithProviders(
      <InviteForm accountId={ACCOUNT} myRole="admin" onInvited={() => undefined} />,
    );
    const roles = () => screen.getAllByRole('option').map((o) => (o as HTMLOptionElement).value);
    expect(roles()).not.toContain('owner');
    unmount();
    renderWithProviders(<InviteForm accountId={ACCOUNT} myRole="owner" onInvited={() => undefined} />);
    expect(roles()).toContain('owner');
  });

  it('refuses a malformed email in place, focused, without calling the BFF', async () => {
    const bff = await startFakeBff({});
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<InviteForm accountId={ACCOUNT} myRole="owner" onInvited={() => undefined} />);
    await user.type(screen.getByLabelText('Email'), 'not-an-email');
    await user.click(screen.getByRole('button', { name: 'Send invite' }));
    const email = screen.getByLabelText('Email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(email.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Enter a valid email address',
    );
    expect(document.activeElement).toBe(email);
    expect(bff.received).toEqual([]);
  });

  it('sends the invite with the chosen role, clears the form and reports the email', async () => {
    const bff = await startFakeBff({ [`POST ${INVITES}`]: () => ({ status: 201, body: invite }) });
    close = bff.close;
    const onInvited = jest.fn();
    const user = userEvent.setup();
    renderWithProviders(<InviteForm accountId={ACCOUNT} myRole="owner" onInvited={onInvited} />);
    await user.type(screen.getByLabelText('Email'), 'new@acme.example');
    await user.selectOptions(screen.getByLabelText('Role'), 'billing');
    await user.click(screen.getByRole('button', { name: 'Send invite' }));
    await waitFor(() => expect(onInvited).toHaveBeenCalledWith('new@acme.example'));
    expect(bff.received).toEqual([
      { method: 'POST', path: INVITES, body: { email: 'new@acme.example', role: 'billing' } },
    ]);
    expect(screen.getByLabelText<HTMLInputElement>('Email').value).toBe('');
  });

  it("shows the BFF's field error next to the field it names", async () => {
    const bff = await startFakeBff({
      [`POST ${INVITES}`]: () => ({
        status: 409,
        body: {
          code: 'conflict',
          message: 'new@acme.example is already a member of this account',
          requestId: 'r1',
        },
      }),
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<InviteForm accountId={ACCOUNT} myRole="owner" onInvited={() => undefined} />);
    await user.type(screen.getByLabelText('Email'), 'new@acme.example');
    await user.click(screen.getByRole('button', { name: 'Send invite' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'New@acme.example is already a member of this account',
    );
  });

  it("words the BFF's refusal of a field in the page's language, by the rule it names", async () => {
    const bff = await startFakeBff({
      [`POST ${INVITES}`]: () => ({
        status: 400,
        body: {
          code: 'validation_failed',
          message: 'Request validation failed',
          requestId: 'r2',
          details: [{ path: 'body.email', message: 'Invalid email address', rule: 'email' }],
        },
      }),
    });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<InviteForm accountId={ACCOUNT} myRole="owner" onInvited={() => undefined} />, {
      locale: 'de',
      messages: de,
    });
    // Passes the browser's check; the BFF's own rules (say, a stricter address check) refuse it.
    await user.type(screen.getByLabelText('E-Mail'), 'new@acme.example');
    await user.click(screen.getByRole('button', { name: 'Einladung senden' }));
    const email = screen.getByLabelText('E-Mail');
    await waitFor(() => expect(email.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(email.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'Geben Sie eine gültige E-Mail-Adresse ein',
    );
  });
});
