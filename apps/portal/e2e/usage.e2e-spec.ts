import { expect, test, type Page } from '@playwright/test';
import { accountIdFrom, artifact, DEMO_PASSWORD, SANDBOX_URL, signIn } from './helpers';

/** The BFF, for the metering system's calls (the portal proxies only the browser's). */
const BFF_URL = (process.env.BFF_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');

/** Creates a usage API key for Acme in the admin area and returns its secret (shown once). */
async function createKeyInAdmin(page: Page): Promise<string> {
  await page.goto('/admin/api-keys');
  await page.getByLabel('Name').fill(`E2E meter ${Date.now()}`);
  await page.getByLabel('Account').selectOption({ label: 'Acme Hosting Ltd' });
  await page.getByRole('button', { name: 'Create key' }).click();
  const secret = (await page.getByTestId('api-key-secret').locator('code').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^ptk_[A-Za-z0-9_-]{43}$/);
  await expect(page.getByTestId('api-keys')).toContainText('Acme Hosting Ltd');
  await page.screenshot({ path: artifact('admin-api-keys-1280.png'), fullPage: true });
  return secret;
}

test.describe('usage', () => {
  test('samples sent through the API move the open chart; an alert fires once, shows on the dashboard and is mailed', async ({
    browser,
    request,
  }) => {
    test.setTimeout(180_000);
    const admin = await browser.newPage();
    // The admin lands on /admin, not a dashboard: sign in by hand.
    await admin.goto('/login');
    await admin.getByLabel('Email').fill('admin@portico.example');
    await admin.getByLabel('Password').fill(DEMO_PASSWORD);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.waitForURL(/\/admin/);
    const key = await createKeyInAdmin(admin);
    await admin.close();

    const page = await browser.newPage();
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    const send = async (value: number) => {
      const res = await request.post(`${BFF_URL}/api/v1/usage/samples`, {
        headers: { authorization: `Bearer ${key}` },
        data: { samples: [{ metric: 'api_requests', service: '101', at: new Date().toISOString(), value }] },
      });
      expect(res.status()).toBe(200);
      expect(await res.json()).toMatchObject({ accepted: 1, rejected: 0 });
    };

    // The open chart (24 h of 1-minute totals) moves when samples arrive, without a reload.
    await page.goto(`/${accountId}/usage?metric=api_requests&service=101&range=24h`);
    const chart = page.getByTestId('usage-chart');
    await expect(chart).toBeVisible();
    const before = Number(await chart.getAttribute('data-last-value'));
    await send(987_654);
    await expect
      .poll(async () => Number(await chart.getAttribute('data-last-value')), { timeout: 15_000 })
      .toBeGreaterThanOrEqual(987_654);
    expect(before).toBeLessThan(987_654);
    await page.screenshot({ path: artifact('usage-live-1280.png'), fullPage: true });

    // An alert at 95 % of Business Hosting's monthly limit (5M requests), set from the usage page: above what the
    // month holds so far on any day of it (the demo history adds up to 62 % a month, plus the sample above).
    const form = page.getByRole('form', { name: 'New usage alert' });
    await form.getByLabel('Metric').selectOption('api_requests');
    await form.getByLabel('Service').selectOption('101');
    await form.getByLabel('Threshold').selectOption('percent');
    await form.getByLabel('Percent').fill('95');
    await form.getByRole('button', { name: 'Add alert' }).click();
    await expect(page.getByTestId('usage-alert-rules').locator('li')).toHaveCount(1);
    await expect(page.getByTestId('usage-alert-rules')).toContainText('Watching');

    // The dashboard is open when the threshold is crossed: the alert appears there live.
    await page.goto(`/${accountId}/dashboard`);
    await expect(
      page
        .getByTestId('block-usage')
        .getByTestId(/^usage-tile-/)
        .first(),
    ).toBeVisible();
    const mailsBefore = await alertMails(request);
    await send(5_000_000);
    const recent = page.getByTestId('usage-alerts-recent');
    await expect(recent).toContainText('API requests', { timeout: 15_000 });
    await expect(recent).toContainText('95% of the limit');
    // Further samples above the line do not fire it again.
    await send(100_000);
    await expect.poll(() => alertMails(request), { timeout: 15_000 }).toBe(mailsBefore + 1);
    await page.waitForTimeout(2_000);
    expect(await alertMails(request)).toBe(mailsBefore + 1);
    await expect(recent.locator('li')).toHaveCount(1);
    await page.screenshot({ path: artifact('dashboard-usage-alert-1280.png'), fullPage: true });

    // Tiles and usage page at 1280 and 375 px, no horizontal scroll on a phone.
    await page.getByTestId('block-usage').screenshot({ path: artifact('usage-tiles-1280.png') });
    await page.goto(`/${accountId}/usage?metric=disk&range=30d`);
    await expect(page.getByTestId('usage-projection')).toBeVisible();
    await expect(page.getByTestId('usage-limit-line')).toBeVisible();
    await page.screenshot({ path: artifact('usage-disk-30d-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`/${accountId}/usage?metric=bandwidth&range=period`);
    await expect(page.getByTestId('usage-line')).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await page.screenshot({ path: artifact('usage-bandwidth-375.png'), fullPage: true });
    await page.goto(`/${accountId}/dashboard`);
    await page.getByTestId('block-usage').screenshot({ path: artifact('usage-tiles-375.png') });
    await page.close();
  });

  test("the tiles show WHMCS's own figure as soon as WHMCS reports it", async ({ page, request }) => {
    // Globex's Enterprise VPS (service 104): WHMCS now reports 123,456 MB in use.
    const set = await request.put(`${SANDBOX_URL}/__admin/whmcs/services/104/usage`, {
      data: { diskusage: 123_456 },
    });
    expect(set.ok()).toBeTruthy();
    // Acme's owner is also a viewer of Globex (docs/contracts.md).
    await signIn(page);
    await page.goto('/5b1f0c3e-0000-4000-8000-000000000002/dashboard');
    const tile = page.getByTestId('usage-tile-disk');
    await expect(tile).toHaveAttribute('data-source', 'whmcs');
    // 123,456 MB = 120.6 GB (binary units, as the plans count); the dashboard's blocks are cached for a few seconds.
    await expect
      .poll(
        async () => {
          await page.reload();
          return (await tile.textContent()) ?? '';
        },
        { timeout: 20_000, intervals: [1_000, 2_000, 3_000] },
      )
      .toContain('121 GB');
  });
});

/** Usage alert mails caught by the sandbox for Acme's owner. */
async function alertMails(request: import('@playwright/test').APIRequestContext): Promise<number> {
  const res = await request.get(`${SANDBOX_URL}/__admin/mail.json?to=owner@acme.example`);
  const body = (await res.json()) as { messages: Array<{ subject: string }> };
  return body.messages.filter((m) => m.subject.startsWith('Usage alert: API requests of Business Hosting'))
    .length;
}
