import { expect, test } from '@playwright/test';
import { DEMO_USER, SANDBOX_URL, accountIdFrom, artifact, signIn } from './helpers';

test.describe('customer portal', () => {
  test.beforeAll(async ({ request }) => {
    // Start from the seeded demo data so an unpaid invoice exists.
    const reset = await request.post(`${SANDBOX_URL}/__admin/reset`);
    expect(reset.ok(), `sandbox reset answered ${reset.status()}`).toBeTruthy();
  });

  test('an invoice paid upstream shows as paid on the open dashboard without a reload', async ({
    page,
    request,
  }) => {
    await signIn(page);
    await expect(page.getByTestId('connection')).toHaveAttribute('data-state', 'connected', {
      timeout: 15_000,
    });

    const nextInvoice = page.getByTestId('next-invoice');
    await expect(nextInvoice).toHaveAttribute('data-invoice-id', /.+/);
    const invoiceId = await nextInvoice.getAttribute('data-invoice-id');
    expect(invoiceId).toBeTruthy();
    await expect(nextInvoice.getByTestId('status-badge')).not.toHaveText('Paid');

    await page.screenshot({ path: artifact('dashboard-1280.png'), fullPage: true });

    // A marker on window survives only if the document is never reloaded.
    await page.evaluate(() => {
      (window as unknown as { __porticoMarker?: string }).__porticoMarker = 'still-here';
    });
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => {
      if (frame === page.mainFrame()) navigations.push(frame.url());
    });

    const paid = await request.post(`${SANDBOX_URL}/__admin/whmcs/invoices/${invoiceId ?? ''}/mark-paid`);
    expect(paid.ok(), `mark-paid answered ${paid.status()}`).toBeTruthy();

    // Within 2 s the dashboard no longer offers that invoice as the next one to pay, or shows it paid.
    await expect
      .poll(
        async () => {
          const currentNext = await nextInvoice.getAttribute('data-invoice-id');
          const recentBadge = page.locator(
            `[data-testid="recent-invoices"] [data-invoice-id="${invoiceId ?? ''}"] .badge`,
          );
          const recentStatus =
            (await recentBadge.count()) > 0 ? await recentBadge.first().textContent() : null;
          return currentNext !== invoiceId && (recentStatus === null || recentStatus === 'Paid');
        },
        { timeout: 2_000, intervals: [100] },
      )
      .toBe(true);

    expect(
      await page.evaluate(() => (window as unknown as { __porticoMarker?: string }).__porticoMarker),
    ).toBe('still-here');
    expect(navigations).toEqual([]);

    // The invoice detail agrees.
    const accountId = accountIdFrom(page.url());
    await page.goto(`/${accountId}/billing/${invoiceId ?? ''}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Paid');
    await page.screenshot({ path: artifact('invoice-detail-1280.png'), fullPage: true });

    await page.goto(`/${accountId}/billing`);
    await expect(page.getByTestId('invoice-table')).toBeVisible();
    await page.screenshot({ path: artifact('billing-1280.png'), fullPage: true });

    await page.goto(`/${accountId}/support`);
    await expect(page.getByTestId('case-table')).toBeVisible();
    await page.screenshot({ path: artifact('support-1280.png'), fullPage: true });

    // Mobile width: no horizontal scroll.
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`/${accountId}/dashboard`);
    await expect(page.getByTestId('block-next-invoice')).toBeVisible();
    await expect(page.getByTestId('block-usage')).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: artifact('dashboard-375.png'), fullPage: true });

    await page.goto(`/${accountId}/billing`);
    await expect(page.getByTestId('invoice-table')).toBeVisible();
    await page.screenshot({ path: artifact('billing-375.png'), fullPage: true });
  });

  test('a wrong password shows an error and stays on the login page', async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(DEMO_USER.email);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByTestId('login-error')).toContainText('do not match');
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole('button', { name: 'Sign in' })).toBeEnabled();
    await page.screenshot({ path: artifact('login-error-1280.png') });
  });

  test('the usage page draws a chart and switches to a table of values', async ({ page }) => {
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    await page.goto(`/${accountId}/usage?metric=disk&range=7d`);

    const line = page.getByTestId('usage-line');
    await expect(line).toBeVisible();
    const d = await line.getAttribute('d');
    expect(d ?? '').toMatch(/^M[\d.-]+,[\d.-]+L/);
    await expect(page.getByTestId('usage-bucket')).toContainText('averages');
    await page.screenshot({ path: artifact('usage-1280.png'), fullPage: true });

    await page.getByRole('radio', { name: 'Table' }).click();
    const rows = page.getByTestId('usage-table').locator('tbody tr');
    await expect(rows.first()).toBeVisible();
    expect(await rows.count()).toBeGreaterThan(0);

    await page.setViewportSize({ width: 375, height: 812 });
    await page.getByRole('radio', { name: 'Chart' }).click();
    await expect(page.getByTestId('usage-line')).toBeVisible();
    await page.screenshot({ path: artifact('usage-375.png'), fullPage: true });
  });
});
