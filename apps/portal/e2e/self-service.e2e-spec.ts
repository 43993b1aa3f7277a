import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { accountIdFrom, artifact, clearFaults, SANDBOX_URL, signIn } from './helpers';

/**
 * What a hosting customer comes to the portal to do, in Chromium against the whole stack: reply on a case and see
 * support's answer arrive live, pay an overdue invoice through the billing system's page and come back to it paid,
 * download an invoice PDF and read its text, cancel a service, and see a notification arrive and mark it read.
 * Screenshots of every new page at 1280 and 375 px land in `test-results/artifacts/`.
 */

const PDFTOTEXT = ['/usr/bin/pdftotext', '/usr/local/bin/pdftotext'].find((p) => existsSync(p));

async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: artifact(`${name}-1280.png`), fullPage: true });
  await page.setViewportSize({ width: 375, height: 800 });
  await page.screenshot({ path: artifact(`${name}-375.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** A new Acme invoice in the sandbox (no webhook), due `dueInDays` from today; returns its id. */
async function newInvoice(page: Page, dueInDays: number): Promise<string> {
  const duedate = new Date(Date.now() + dueInDays * 86_400_000).toISOString().slice(0, 10);
  const res = await page.request.post(`${SANDBOX_URL}/__admin/whmcs/invoices?webhook=false`, {
    data: {
      userid: 1,
      items: [{ description: 'Priority support pack', amount: '49.00', taxed: true }],
      duedate,
    },
  });
  expect(res.status()).toBe(201);
  return String(((await res.json()) as { invoiceid: number }).invoiceid);
}

test.describe('self-service', () => {
  test.beforeAll(async ({ request }) => {
    expect((await request.post(`${SANDBOX_URL}/__admin/reset`)).ok()).toBeTruthy();
    await clearFaults(request);
  });

  test('reply on a case and see the support agent reply arrive live', async ({ page }) => {
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    await page.goto(`/${accountId}/support`);
    await page.getByRole('link', { name: /Website returns 502 errors/ }).click();
    await expect(page.getByTestId('case-comments')).toBeVisible();
    const comments = page.getByTestId('case-comments').getByRole('listitem');
    const before = await comments.count();

    await page.getByTestId('reply-body').fill('The 502s came back at 10:40 UTC, right after the deploy.');
    await page.getByTestId('send-reply').click();
    await expect(comments).toHaveCount(before + 1);
    await expect(comments.last()).toContainText('right after the deploy');
    await expect(comments.last()).toHaveAttribute('data-author', 'customer');

    const caseId = page.url().split('/').pop() ?? '';
    const agent = await page.request.post(`${SANDBOX_URL}/__admin/salesforce/cases/${caseId}/comments`, {
      data: { body: 'Thanks! We rolled the deploy back; the site is answering again.' },
    });
    expect(agent.status()).toBe(201);
    // No reload: the webhook -> case_updated -> the conversation refetches.
    await expect(comments).toHaveCount(before + 2, { timeout: 20_000 });
    await expect(comments.last()).toContainText('rolled the deploy back');
    await expect(comments.last()).toHaveAttribute('data-author', 'support');
    await shoot(page, 'case-conversation');
  });

  test('pay an overdue invoice in the billing system and come back to it paid', async ({ page, context }) => {
    const invoiceId = await newInvoice(page, -4);
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    await page.goto(`/${accountId}/billing/${invoiceId}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Overdue');
    await expect(page.getByTestId('invoice-totals')).toContainText('Tax 1 (6.25%)');
    await shoot(page, 'invoice-detail');

    const [payTab] = await Promise.all([
      context.waitForEvent('page'),
      page.getByTestId('pay-invoice').click(),
    ]);
    await payTab.waitForLoadState();
    await expect(payTab.getByTestId('sandbox-invoice-status')).toHaveText('Unpaid');
    await payTab.getByRole('button', { name: /Pay now/ }).click();
    await expect(payTab.getByTestId('sandbox-invoice-status')).toHaveText('Paid');
    await payTab.close();

    // Back on the portal tab: the InvoicePaid webhook updated it live.
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Paid', { timeout: 20_000 });
    await expect(page.getByTestId('pay-invoice')).toHaveCount(0);
  });

  test('download an invoice PDF and read its figures', async ({ page }) => {
    test.skip(PDFTOTEXT === undefined, 'pdftotext is not installed (apt-get install -y poppler-utils)');
    const invoiceId = await newInvoice(page, 10);
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    await page.goto(`/${accountId}/billing/${invoiceId}`);
    const total = (await page.getByTestId('amount-due').textContent())?.replace(/[^0-9.]/g, '') ?? '';
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('invoice-pdf').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`invoice-${invoiceId}.pdf`);
    const file = artifact(`invoice-${invoiceId}.pdf`);
    await download.saveAs(file);
    const text = execFileSync(PDFTOTEXT as string, ['-layout', file, '-'], { encoding: 'utf8' });
    expect(text).toContain(`Invoice ${invoiceId}`);
    expect(text).toContain('Northwind Hosting Ltd');
    expect(text).toContain('Acme Hosting Ltd');
    expect(text).toContain('Priority support pack');
    expect(text).toMatch(/Tax 1 \(6\.25%\)/);
    expect(text).toContain(`${total} USD`);
    expect(text).toContain('Balance due');
  });

  test('cancel a service at the end of its billing period', async ({ page }) => {
    const created = await page.request.post(`${SANDBOX_URL}/__admin/whmcs/services`, {
      data: { userid: 1, name: 'Staging Hosting' },
    });
    const serviceId = String(((await created.json()) as { serviceid: number }).serviceid);
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    await page.goto(`/${accountId}/services`);
    const service = page.getByTestId(`service-${serviceId}`);
    // The services list is served from the stale-while-revalidate cache (earlier tests read it): a service made in
    // WHMCS without a webhook shows once the cached copy is revalidated, on a following read.
    await expect(async () => {
      await page.reload();
      await expect(service).toContainText('Staging Hosting', { timeout: 3_000 });
    }).toPass({ timeout: 30_000 });
    await shoot(page, 'services');
    await service.getByRole('button', { name: 'Cancel service' }).click();
    const dialog = service.getByTestId('cancel-dialog');
    await expect(dialog.getByLabel(/At the end of the paid period/)).toBeChecked();
    await dialog.getByLabel('Why are you cancelling?').fill('Staging moved to our own servers.');
    await shoot(page, 'services-cancel');
    await dialog.getByRole('button', { name: 'Request cancellation' }).click();
    await expect(page.getByTestId('cancellation-requested')).toBeVisible();
    await expect(service).toContainText('Cancellation requested');
    await expect(service.getByRole('button', { name: 'Cancel service' })).toHaveCount(0);
  });

  test('see a notification arrive under the bell and mark it read', async ({ page }) => {
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    const bell = page.getByTestId('notification-bell');
    await expect(bell).toBeVisible();
    const countOf = async () =>
      Number(
        (await page
          .getByTestId('notification-count')
          .textContent({ timeout: 1000 })
          .catch(() => '0')) ?? '0',
      );
    const before = await countOf();

    const invoiceId = await newInvoice(page, -2);
    const reminder = await page.request.post(
      `${SANDBOX_URL}/__admin/whmcs/invoices/${invoiceId}/payment-reminder`,
      { data: { type: 'firstoverdue' } },
    );
    expect(reminder.status()).toBe(202);
    // Live: notification_created refreshes the count without a reload.
    await expect(page.getByTestId('notification-count')).toHaveText(String(before + 1), { timeout: 20_000 });

    await bell.click();
    const item = page
      .getByTestId('notification-list')
      .getByRole('listitem')
      .filter({ hasText: 'is overdue' })
      .first();
    await expect(item).toHaveAttribute('data-read', 'false');
    await shoot(page, 'notifications');
    await item.getByRole('button', { name: /Mark .* read/ }).click();
    await expect(item).toHaveAttribute('data-read', 'true');
    if (before === 0) await expect(page.getByTestId('notification-count')).toHaveCount(0);
    else await expect(page.getByTestId('notification-count')).toHaveText(String(before));
    await page.keyboard.press('Escape');

    await page.goto(`/${accountId}/settings`);
    await expect(page.getByTestId('notification-preferences')).toBeVisible();
    await shoot(page, 'settings-notifications');
  });

  test('domains, payment methods and the dashboard warnings', async ({ page }) => {
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    await expect(page.getByTestId('attention-domains')).toContainText('acme-shop.example');
    await expect(page.getByTestId('attention-card')).toBeVisible();
    await shoot(page, 'dashboard-attention');
    // The server renders the warnings into the page itself (their data is prefetched with the status document), so
    // they are part of the first paint rather than appearing once the browser has fetched them.
    const html = await (await page.request.get(`/${accountId}/dashboard`)).text();
    for (const warning of ['attention-domains', 'attention-card'])
      expect(html.includes(`data-testid="${warning}"`), `${warning} in the server-rendered page`).toBe(true);

    await page.goto(`/${accountId}/domains`);
    await expect(page.getByTestId('domains-table')).toContainText('acme.example');
    await page.getByRole('radio', { name: 'Expiring soon' }).click();
    await expect(page.getByTestId('domains-table').getByRole('row')).toHaveCount(2);
    await page.getByRole('radio', { name: 'All' }).click();
    await page.getByPlaceholder('Search domains').fill('legacy');
    await expect(page.getByTestId('domains-table')).toContainText('acme-legacy.example');
    await page.getByPlaceholder('Search domains').fill('');
    await shoot(page, 'domains');

    await page.goto(`/${accountId}/billing/payment-methods`);
    await expect(page.getByTestId('payment-methods')).toContainText('Visa ending 4242');
    await expect(page.getByTestId('card-warning')).toBeVisible();
    await shoot(page, 'payment-methods');

    await page.goto(`/${accountId}/billing`);
    await expect(page.getByTestId('zip-download')).toBeVisible();
    const [zip] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('zip-download').click(),
    ]);
    expect(zip.suggestedFilename()).toMatch(/^invoices-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.zip$/);
    await shoot(page, 'billing');
  });
});
