import { expect, test, type APIRequestContext } from '@playwright/test';
import { SANDBOX_URL, accountIdFrom, artifact, signIn } from './helpers';

/** The newest invite link caught by the sandbox's SMTP catcher for `to` (polls `GET /__admin/mail.json?to=`). */
async function inviteLinkFor(request: APIRequestContext, to: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      async () => {
        const res = await request.get(`${SANDBOX_URL}/__admin/mail.json?to=${encodeURIComponent(to)}`);
        const body = (await res.json()) as { messages: { subject: string; text: string }[] };
        link = /https?:\/\/\S+\/invite\/\S+/.exec(body.messages[0]?.text ?? '')?.[0];
        return link;
      },
      { message: `an invite mail for ${to}`, timeout: 15_000 },
    )
    .toBeTruthy();
  return link as string;
}

test.describe('inviting a colleague', () => {
  test('an owner invites a technical colleague, who accepts from the email, signs in, and cannot open invoices', async ({
    page,
    browser,
    request,
  }) => {
    // Two people, two sign-ins (argon2id), a mail round trip and a reload: more than one test's budget on a busy machine.
    test.slow();
    const colleague = `tess.${Date.now()}@colleague.example`;
    const password = 'correct horse battery staple';

    // The owner opens Users and sends the invite.
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    const invoiceId = await page.getByTestId('next-invoice').getAttribute('data-invoice-id');
    expect(invoiceId, 'the owner sees an invoice to probe with').toBeTruthy();
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Users' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Users');
    await page.getByLabel('Email', { exact: true }).fill(colleague);
    await page.getByLabel('Role', { exact: true }).selectOption('technical');
    await page.getByRole('button', { name: 'Send invite' }).click();
    await expect(page.getByTestId('users-notice')).toHaveText(`Invite sent to ${colleague}.`);
    const row = page.getByTestId('invite-row').filter({ hasText: colleague });
    await expect(row).toContainText('Technical');
    await expect(row).toContainText('Pending');
    await page.screenshot({ path: artifact('users-owner-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 812 });
    await page.screenshot({ path: artifact('users-owner-375.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The colleague opens the link from the caught email in their own browser.
    const link = new URL(await inviteLinkFor(request, colleague));
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const tess = await context.newPage();
    await tess.goto(link.pathname);
    await expect(tess.getByRole('heading', { level: 1 })).toHaveText('Join Acme Hosting Ltd');
    await expect(tess.getByText('invited')).toContainText(colleague);
    await tess.screenshot({ path: artifact('invite-accept-1280.png'), fullPage: true });
    await tess.setViewportSize({ width: 375, height: 812 });
    await tess.screenshot({ path: artifact('invite-accept-375.png'), fullPage: true });
    await tess.setViewportSize({ width: 1280, height: 900 });
    await tess.getByLabel('Your name').fill('Tess Tech');
    await tess.getByLabel('Choose a password').fill('short');
    await tess.getByRole('button', { name: 'Accept and create my sign-in' }).click();
    await expect(tess.locator('#invite-password-error')).toHaveText(
      'Password must have at least 12 characters',
    );
    await tess.getByLabel('Choose a password').fill(password);
    await tess.getByRole('button', { name: 'Accept and create my sign-in' }).click();
    await expect(tess.getByTestId('invite-accepted')).toContainText('Your sign-in is ready');

    // The link works once.
    const again = await context.newPage();
    await again.goto(link.pathname);
    await expect(again.getByTestId('invite-invalid')).toContainText('This invite link was already used');
    await again.close();

    // Signs in and lands on the dashboard, without billing.
    await tess.getByRole('link', { name: 'Sign in' }).click();
    await tess.getByLabel('Email').fill(colleague);
    await tess.getByLabel('Password').fill(password);
    await tess.getByRole('button', { name: 'Sign in' }).click();
    await tess.waitForURL(new RegExp(`/${accountId}/dashboard$`));
    await expect(tess.getByRole('heading', { level: 1 })).toHaveText('Acme Hosting Ltd');
    await expect(tess.getByTestId('block-usage')).toBeVisible();
    await expect(tess.getByTestId('block-cases')).toBeVisible();
    const nav = tess.getByRole('navigation', { name: 'Sections' });
    await expect(nav.getByRole('link', { name: 'Usage' })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Billing' })).toHaveCount(0);
    await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
    for (const id of ['block-balance', 'block-next-invoice', 'block-recent-invoices'])
      await expect(tess.getByTestId(id)).toHaveCount(0);
    await expect(tess.locator(`a[href*="/billing"]`)).toHaveCount(0);
    await tess.screenshot({ path: artifact('dashboard-technical-1280.png'), fullPage: true });

    // Opening an invoice URL directly: a clear refusal, not a crash; the BFF refuses the data too.
    await tess.goto(`/${accountId}/billing/${invoiceId}`);
    await expect(tess.getByTestId('not-allowed')).toContainText('Not available with your role');
    await expect(tess.getByTestId('not-allowed')).toContainText('invoices and payments');
    await tess.screenshot({ path: artifact('invoice-refused-technical-1280.png'), fullPage: true });
    await tess.setViewportSize({ width: 375, height: 812 });
    await tess.screenshot({ path: artifact('invoice-refused-technical-375.png'), fullPage: true });
    const api = await tess.request.get(`/api/v1/accounts/${accountId}/invoices/${invoiceId}`);
    expect(api.status()).toBe(403);
    expect(((await api.json()) as { code: string }).code).toBe('forbidden');
    await context.close();

    // The owner sees the new member in the list.
    await page.reload();
    await expect(page.getByTestId('member-row').filter({ hasText: colleague })).toContainText('Tess Tech');
  });
});
