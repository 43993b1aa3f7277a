import { expect, test, type Page } from '@playwright/test';
import { generate } from 'otplib';
import { accountIdFrom, artifact, DEMO_PASSWORD, signIn } from './helpers';

/** Demo users no other suite signs in as, so turning two-factor on or ending sessions disturbs nobody. */
const MFA_USER = { email: 'owner@globex.example', password: DEMO_PASSWORD } as const;
const SESSIONS_USER = { email: 'billing@acme.example', password: DEMO_PASSWORD } as const;
/** The second browser presents itself as Firefox on Windows, so its row is told apart from any other Chromium session. */
const OTHER_BROWSER_UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

/** A TOTP code of the period after the current one (accepted within the BFF's ±30 s tolerance, never used yet). */
const nextCode = (secret: string): Promise<string> =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 });

async function openSettings(page: Page): Promise<string> {
  const accountId = accountIdFrom(page.url());
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.waitForURL(new RegExp(`/${accountId}/settings$`));
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  return accountId;
}

test.describe('security settings', () => {
  test('an owner sets up two-factor with the QR key and signs in with a code from the app', async ({
    page,
  }) => {
    await signIn(page, MFA_USER);
    await openSettings(page);
    const card = page.getByTestId('mfa-card');
    await card.getByRole('button', { name: 'Set up two-factor' }).click();
    await expect(card.getByRole('img', { name: 'QR code for your authenticator app' })).toBeVisible();
    const secret = (await card.getByTestId('mfa-key').innerText()).replace(/\s/g, '');
    await page.screenshot({ path: artifact('settings-mfa-enrol-1280.png'), fullPage: true });

    await card.getByLabel('Code from the app').fill('000000');
    await card.getByRole('button', { name: 'Turn on two-factor' }).click();
    await expect(card.getByTestId('mfa-error')).toBeVisible();
    await card.getByLabel('Code from the app').fill(await generate({ secret }));
    await card.getByRole('button', { name: 'Turn on two-factor' }).click();
    const codes = card.getByTestId('recovery-codes').locator('li');
    await expect(codes).toHaveCount(10);
    const recoveryCodes = await codes.allInnerTexts();
    await page.screenshot({ path: artifact('settings-mfa-recovery-codes-1280.png'), fullPage: true });
    await card.getByRole('button', { name: 'I have saved them' }).click();
    await expect(card).toContainText('On since');

    try {
      // Sign out, then in again: password, then the code.
      await page.getByRole('button', { name: /Open user menu/ }).click();
      await page.getByRole('button', { name: 'Sign out', exact: true }).click();
      await page.waitForURL(/\/login/);
      await page.getByLabel('Email').fill(MFA_USER.email);
      await page.getByLabel('Password').fill(MFA_USER.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByLabel('Authentication code')).toBeVisible();
      await page.screenshot({ path: artifact('login-mfa-step-1280.png'), fullPage: true });
      await page.getByLabel('Authentication code').fill('123456');
      await page.getByRole('button', { name: 'Verify' }).click();
      await expect(page.getByTestId('login-error')).toContainText('not valid');
      await page.getByLabel('Authentication code').fill(await nextCode(secret));
      await page.getByRole('button', { name: 'Verify' }).click();
      await page.waitForURL(/\/[^/]+\/dashboard$/);
      await expect(page.getByTestId('block-next-invoice')).toBeVisible();
    } finally {
      // Leave the demo user as it was: turn two-factor off with the password and a recovery code.
      await openSettings(page);
      const mfaCard = page.getByTestId('mfa-card');
      await mfaCard.getByRole('button', { name: 'Turn off…' }).click();
      await mfaCard.getByLabel('Password', { exact: true }).fill(MFA_USER.password);
      await mfaCard.getByLabel('Code from your app, or a recovery code').fill(recoveryCodes[0] ?? '');
      await mfaCard.getByRole('button', { name: 'Turn off two-factor' }).click();
      await expect(page.getByTestId('mfa-card')).toContainText('Off');
    }
  });

  test('a session signed out from the settings page loses access at once', async ({ browser, page }) => {
    const other = await browser.newContext({ userAgent: OTHER_BROWSER_UA });
    const otherPage = await other.newPage();
    try {
      await signIn(otherPage, SESSIONS_USER);
      const otherAccount = accountIdFrom(otherPage.url());
      await signIn(page, SESSIONS_USER);
      await openSettings(page);
      const rows = page.getByTestId('session-row');
      await expect(rows.filter({ hasText: 'This device' })).toHaveCount(1);
      // Another suite may hold its own Chromium session of this user; the second browser's rows are told apart by
      // their Firefox label. The list is most recent first, so the first of them is the one signed in above.
      const otherRows = rows.filter({ hasText: 'Firefox' }).filter({ hasText: 'Windows' });
      await expect(otherRows.first()).toBeVisible();
      const before = await otherRows.count();
      await page.screenshot({ path: artifact('settings-sessions-1280.png'), fullPage: true });
      await otherRows
        .first()
        .getByRole('button', { name: /^Sign out/ })
        .click();
      await expect(otherRows).toHaveCount(before - 1);

      // The other browser's next request is refused and it lands on the sign-in page.
      await otherPage.goto(`/${otherAccount}/billing`);
      await otherPage.waitForURL(/\/login/);
      await expect(otherPage.getByRole('button', { name: 'Sign in' })).toBeVisible();
    } finally {
      await other.close();
    }
  });

  test('forgot password answers the same for any email', async ({ page }) => {
    await page.goto('/login');
    await page.getByRole('link', { name: 'Forgot your password?' }).click();
    await page.waitForURL(/\/forgot-password$/);
    await page.getByLabel('Email').fill('nobody-here@example.com');
    await page.getByRole('button', { name: 'Email me a reset link' }).click();
    await expect(page.getByTestId('forgot-sent')).toContainText('If an account uses that email');
    await page.screenshot({ path: artifact('forgot-password-1280.png'), fullPage: true });
  });
});
