import { expect, test, type BrowserContext } from '@playwright/test';
import { accountIdFrom, artifact, signIn } from './helpers';

/** Sets a site-wide preference cookie (`portico_locale`, `portico_theme`) as the switchers write it. */
async function setPreference(
  context: BrowserContext,
  name: 'portico_locale' | 'portico_theme',
  value: string,
): Promise<void> {
  const origin = new URL(test.info().project.use.baseURL ?? 'http://localhost:3000').origin;
  await context.addCookies([{ name, value, url: `${origin}/` }]);
}

test.describe('languages and themes', () => {
  test.describe('a German browser', () => {
    test.use({ locale: 'de-DE' });

    test('gets the sign-in page in German from Accept-Language', async ({ page }) => {
      await page.goto('/login');
      await expect(page.locator('html')).toHaveAttribute('lang', 'de');
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bei Ihrem Konto anmelden');
      await expect(page.getByLabel('E-Mail')).toBeVisible();
      await page.screenshot({ path: artifact('de-login-1280.png'), fullPage: true });
    });
  });

  test('the saved language wins over the browser, follows the user to a fresh sign-in, and formats money the German way', async ({
    page,
    browser,
  }) => {
    // Many pages, two widths each, and a second sign-in: more than the default minute on a busy machine.
    test.setTimeout(120_000);
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    await page.getByRole('button', { name: /Open user menu/ }).click();
    await page.getByTestId('language-switcher').selectOption('de');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    await expect(
      page.getByRole('navigation', { name: 'Bereiche' }).getByRole('link', { name: 'Übersicht' }),
    ).toBeVisible();
    try {
      // Configured texts (metric labels) come in German too, refetched on the switch: the BFF words them in the
      // language the page sends.
      await expect(page.getByTestId('usage-tile-disk')).toContainText('Speicherplatz');
      // Money as 1.234,56 $ and dates as 21.11.2026.
      await expect(page.getByTestId('next-invoice')).toContainText(/\d,\d\d\s\$|\d,\d\d\s€/);
      await expect(page.getByTestId('next-invoice')).toContainText(/Fällig am \d{2}\.\d{2}\.\d{4}/);
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto(`/${accountId}/dashboard`);
        await expect(page.getByTestId('block-next-invoice')).toBeVisible();
        await page.screenshot({ path: artifact(`de-dashboard-${width}.png`), fullPage: true });
        await page.goto(`/${accountId}/usage?metric=disk_usage&range=30d`);
        await expect(page.getByTestId('usage-chart')).toBeVisible();
        await page.screenshot({ path: artifact(`de-usage-${width}.png`), fullPage: true });
      }

      // Dashboard and panel titles from the configuration, in German.
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`/${accountId}/dashboards`);
      await expect(page.getByTestId('dashboard-select')).toContainText('Acme-Übersicht');
      await expect(page.getByTestId('dashboard-grid')).toContainText('Belegter Speicherplatz');
      // Texts the BFF words itself in German too: a table's column headers, and the template panel in the file's
      // German template with German numbers (44,9 GB) and dates (01.11.2026).
      await expect(
        page.getByTestId('panel-invoices').getByRole('columnheader', { name: /^Rechnung/ }),
      ).toBeVisible();
      const summary = page.getByTestId('panel-summary');
      await expect(summary).toContainText(/\d{2}\.\d{2}\.\d{4} bis \d{2}\.\d{2}\.\d{4}/);
      await expect(summary).toContainText(/Speicherplatz: \d+,\d\sGB von \d+(,\d)?\sGB \(\d+\s%\)/);
      for (const width of [1280, 375]) {
        await page.setViewportSize({ width, height: 900 });
        await expect(summary).toBeVisible();
        await page.screenshot({ path: artifact(`de-dashboards-${width}.png`), fullPage: true });
      }

      // A form's problems are in German too: the browser's check of the domain schema, worded by its code.
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`/${accountId}/support/new`);
      await page.getByLabel('Betreff').fill('Hi');
      await page.getByLabel('Beschreibung').fill('Die Post an postmaster@ kommt seit heute Morgen zurück.');
      await page.getByRole('button', { name: 'Fall eröffnen' }).click();
      await expect(page.locator('#case-subject-error')).toHaveText('Mindestens 3 Zeichen');
      await page.screenshot({ path: artifact('de-support-new-invalid-1280.png'), fullPage: true });

      // A fresh browser (English, no cookie) signs in and lands in German: the choice was saved on the user.
      const other = await browser.newContext({ locale: 'en-US' });
      const fresh = await other.newPage();
      await signIn(fresh);
      await expect(fresh.locator('html')).toHaveAttribute('lang', 'de');
      await other.close();
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
      await page.goto(`/${accountId}/dashboard`);
      await page.getByRole('button', { name: /Benutzermenü öffnen/ }).click();
      await page.getByTestId('language-switcher').selectOption('en');
      await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    }
  });

  test('dark mode follows the system, and the switch is remembered across reloads without a flash', async ({
    page,
    context,
  }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    // No choice yet: the system's dark setting decides.
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.+/);
    expect(await background()).toBe('rgb(15, 18, 32)');

    // Choose Light: applied at once, and the server renders it on the next request (the cookie), before any script.
    await page.getByRole('button', { name: /Open user menu/ }).click();
    await page.getByTestId('theme-switcher').selectOption('light');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    const html = await (await page.request.get(`/${accountId}/dashboard`)).text();
    expect(html).toMatch(/<html[^>]*data-theme="light"/);

    await setPreference(context, 'portico_theme', 'dark');
    for (const width of [1280, 375]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`/${accountId}/dashboard`);
      await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
      await expect(page.getByTestId('block-next-invoice')).toBeVisible();
      await page.screenshot({ path: artifact(`dark-dashboard-${width}.png`), fullPage: true });
      await page.goto(`/${accountId}/usage?metric=disk_usage&range=30d`);
      await expect(page.getByTestId('usage-chart')).toBeVisible();
      await page.screenshot({ path: artifact(`dark-usage-${width}.png`), fullPage: true });
      await page.goto(`/${accountId}/billing`);
      await expect(page.getByTestId('invoice-table')).toBeVisible();
      await page.screenshot({ path: artifact(`dark-billing-${width}.png`), fullPage: true });
    }
    await page.goto('/login');
    await page.screenshot({ path: artifact('dark-login-1280.png') });
  });
});
