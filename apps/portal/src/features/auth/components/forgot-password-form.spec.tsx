import { afterEach, describe, expect, it } from '@jest/globals';
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { hydrateRoot, type Root } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { startFakeBff } from '@/test/fake-bff';
import { recordingRouter, TestProviders, testQueryClient } from '@/test/render';
import { ForgotPasswordForm } from './forgot-password-form';

function page() {
  return (
    <TestProviders queryClient={testQueryClient()} router={recordingRouter()}>
      <ForgotPasswordForm />
    </TestProviders>
  );
}

let close: (() => Promise<void>) | undefined;
let root: Root | undefined;
afterEach(async () => {
  act(() => root?.unmount());
  root = undefined;
  document.body.innerHTML = '';
  await close?.();
  close = undefined;
});

describe('ForgotPasswordForm', () => {
  it('cannot be submitted from the server HTML, before React has hydrated it', () => {
    document.body.innerHTML = `<main>${renderToString(page())}</main>`;
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Email me a reset link' }).disabled).toBe(
      true,
    );
  });

  it('is enabled once hydrated and sends the email to the BFF', async () => {
    const bff = await startFakeBff({ 'POST /api/v1/auth/password/forgot': () => ({ status: 204 }) });
    close = bff.close;
    const container = document.createElement('main');
    container.innerHTML = renderToString(page());
    document.body.append(container);
    await act(async () => {
      root = hydrateRoot(container, page());
    });

    const button = screen.getByRole<HTMLButtonElement>('button', { name: 'Email me a reset link' });
    expect(button.disabled).toBe(false);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText('Email'), 'someone@example.com');
    await user.click(button);
    expect((await screen.findByTestId('forgot-sent')).textContent).toContain('If an account uses that email');
    expect(bff.received).toEqual([
      { method: 'POST', path: '/api/v1/auth/password/forgot', body: { email: 'someone@example.com' } },
    ]);
  });
});
