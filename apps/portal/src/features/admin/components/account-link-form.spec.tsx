import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AdminAccount } from '@portico/domain';
import de from '@/messages/de.json';
import { startFakeBff } from '@/test/fake-bff';
import { renderWithProviders } from '@/test/render';
import { AccountLinkForm } from './account-link-form';

const account: AdminAccount = {
  id: '5b7f2a34-9d1c-4c8e-8f5a-0c2d9b3e4a11',
  name: 'Acme Hosting',
  whmcsClientId: 1,
  salesforceAccountId: null,
  memberCount: 3,
  createdAt: '2026-01-01T00:00:00.000Z',
};
const PATH = `/api/v1/admin/accounts/${account.id}`;
/** The BFF's refusal of a WHMCS client another account is linked to. */
const ALREADY_LINKED = {
  status: 409,
  body: {
    code: 'conflict',
    message: 'Already linked',
    requestId: 'r1',
    details: [{ path: 'body.whmcsClientId', message: 'is linked to Globex already' }],
  },
};

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

describe('AccountLinkForm', () => {
  it('starts from the current links', () => {
    renderWithProviders(<AccountLinkForm account={account} onDone={() => undefined} />);
    expect(screen.getByLabelText<HTMLInputElement>('Account name').value).toBe('Acme Hosting');
    expect(screen.getByLabelText<HTMLInputElement>('WHMCS client id').value).toBe('1');
    expect(screen.getByLabelText<HTMLInputElement>('Salesforce Account Id').value).toBe('');
  });

  it('refuses a malformed id in place without calling the BFF', async () => {
    const bff = await startFakeBff({});
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<AccountLinkForm account={account} onDone={() => undefined} />);
    await user.type(screen.getByLabelText('Salesforce Account Id'), 'not-an-id');
    await user.click(screen.getByRole('button', { name: 'Save links' }));
    const field = screen.getByLabelText('Salesforce Account Id');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(field.getAttribute('aria-describedby')).toContain('link-salesforceAccountId-error');
    expect(document.getElementById('link-salesforceAccountId-error')?.textContent).not.toBe('');
    expect(bff.received).toEqual([]);
  });

  it('saves the links (blank means not linked) and hands back the saved account', async () => {
    const saved = { ...account, whmcsClientId: null, salesforceAccountId: '001A0000001AcmeAAA' };
    const bff = await startFakeBff({ [`PATCH ${PATH}`]: () => ({ status: 200, body: saved }) });
    close = bff.close;
    const onDone = jest.fn();
    const user = userEvent.setup();
    renderWithProviders(<AccountLinkForm account={account} onDone={onDone} />);
    await user.clear(screen.getByLabelText('WHMCS client id'));
    await user.type(screen.getByLabelText('Salesforce Account Id'), ' 001A0000001AcmeAAA ');
    await user.click(screen.getByRole('button', { name: 'Save links' }));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(saved));
    expect(bff.received).toEqual([
      {
        method: 'PATCH',
        path: PATH,
        body: { name: 'Acme Hosting', whmcsClientId: null, salesforceAccountId: '001A0000001AcmeAAA' },
      },
    ]);
  });

  it("shows the BFF's refusal on the field it names", async () => {
    const bff = await startFakeBff({ [`PATCH ${PATH}`]: () => ALREADY_LINKED });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<AccountLinkForm account={account} onDone={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Save links' }));
    expect(await screen.findByText('Is linked to Globex already')).toBeTruthy();
    expect(screen.getByLabelText('WHMCS client id').getAttribute('aria-invalid')).toBe('true');
  });

  it("words the BFF's refusal for its code on a German page, and says it in the BFF's words on an English one", async () => {
    const bff = await startFakeBff({
      [`PATCH ${PATH}`]: () => ({
        status: 403,
        body: { code: 'forbidden', message: 'Only platform administrators link accounts', requestId: 'r2' },
      }),
    });
    close = bff.close;
    const user = userEvent.setup();
    const german = renderWithProviders(<AccountLinkForm account={account} onDone={() => undefined} />, {
      locale: 'de',
      messages: de,
    });
    await user.click(screen.getByRole('button', { name: 'Verknüpfungen speichern' }));
    expect(await screen.findByText(de.common.apiError.forbidden)).toBeTruthy();
    expect(screen.queryByText('Only platform administrators link accounts')).toBeNull();
    german.unmount();
    renderWithProviders(<AccountLinkForm account={account} onDone={() => undefined} />);
    await user.click(screen.getByRole('button', { name: 'Save links' }));
    expect(await screen.findByText('Only platform administrators link accounts')).toBeTruthy();
  });

  it('words field problems in German, from the browser check and from the BFF alike', async () => {
    const bff = await startFakeBff({ [`PATCH ${PATH}`]: () => ALREADY_LINKED });
    close = bff.close;
    const user = userEvent.setup();
    renderWithProviders(<AccountLinkForm account={account} onDone={() => undefined} />, {
      locale: 'de',
      messages: de,
    });
    const sfId = screen.getByLabelText('Salesforce-Account-ID');
    await user.type(sfId, 'not-an-id');
    await user.click(screen.getByRole('button', { name: 'Verknüpfungen speichern' }));
    expect(document.getElementById('link-salesforceAccountId-error')?.textContent).toBe(
      de.common.fieldIssue.format,
    );
    expect(bff.received).toEqual([]);
    await user.clear(sfId);
    await user.click(screen.getByRole('button', { name: 'Verknüpfungen speichern' }));
    expect(await screen.findByText(de.common.fieldIssue.invalid)).toBeTruthy();
    expect(screen.queryByText(/Globex/)).toBeNull();
  });

  it('cancels without saving', async () => {
    const onDone = jest.fn();
    const user = userEvent.setup();
    renderWithProviders(<AccountLinkForm account={account} onDone={onDone} />);
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(onDone).toHaveBeenCalledWith(null);
  });

  it('speaks German', () => {
    renderWithProviders(<AccountLinkForm account={account} onDone={() => undefined} />, {
      locale: 'de',
      messages: de,
    });
    expect(screen.getByRole('form', { name: 'Verknüpfungen von Acme Hosting' })).toBeTruthy();
    expect(screen.getByLabelText('WHMCS-Kunden-ID')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Verknüpfungen speichern' })).toBeTruthy();
  });
});
