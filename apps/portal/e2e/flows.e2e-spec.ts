import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, SANDBOX_URL, accountIdFrom, artifact, clearFaults, signIn } from './helpers';

test.describe('support cases', () => {
  test('the new-case form rejects a too-short subject, then opens a case that shows in the list', async ({
    page,
  }) => {
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    await page.goto(`/${accountId}/support/new`);

    const subject = page.getByLabel('Subject');
    await subject.fill('Hi');
    await page.getByLabel('Description').fill('Mail to postmaster@ bounces since this morning.');
    await page.getByRole('button', { name: 'Open case' }).click();

    // Validated in the browser: no navigation, the field is marked invalid and focused, with a readable message.
    await expect(page.locator('#case-subject-error')).toHaveText('Subject must have at least 3 characters');
    await expect(subject).toHaveAttribute('aria-invalid', 'true');
    await expect(subject).toBeFocused();
    await expect(page).toHaveURL(new RegExp(`/${accountId}/support/new$`));
    await page.screenshot({ path: artifact('support-new-invalid-1280.png'), fullPage: true });

    const title = `Mail bounces ${Date.now()}`;
    await subject.fill(title);
    await page.getByLabel('Priority').selectOption('high');
    await page.getByRole('button', { name: 'Open case' }).click();

    await page.waitForURL(new RegExp(`/${accountId}/support/(?!new)[^/]+$`));
    await expect(page.getByTestId('case-subject')).toHaveText(title);
    await expect(page.getByText('Mail to postmaster@ bounces since this morning.')).toBeVisible();
    await page.screenshot({ path: artifact('support-case-detail-1280.png'), fullPage: true });

    await page.getByRole('link', { name: '← All cases' }).click();
    await expect(page.getByTestId('case-table')).toBeVisible();
    const row = page.getByTestId('case-table').getByRole('link', { name: title });
    await expect(row).toBeVisible();
  });
});

test.describe('a dead upstream', () => {
  test('billing, profile and plan show as unavailable while cases and usage still show', async ({
    page,
    request,
  }) => {
    const fault = await request.post(`${SANDBOX_URL}/__admin/faults`, {
      data: { upstream: 'whmcs', mode: 'error', status: 500 },
    });
    expect(fault.ok(), `fault answered ${fault.status()}`).toBeTruthy();
    try {
      // Initech is viewed by no other test, so none of its blocks is in the BFF's cache.
      await signIn(page, { email: 'owner@initech.example', password: DEMO_PASSWORD });
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Initech GmbH');

      for (const id of [
        'block-balance',
        'block-next-invoice',
        'block-recent-invoices',
        'block-subscriptions',
        'block-profile',
      ]) {
        const block = page.getByTestId(id);
        await expect(block.getByText('Temporarily unavailable'), `${id} says unavailable`).toBeVisible();
        // A reason written as a sentence (e.g. "Billing system is unavailable."), not a bare code.
        await expect(block.getByTestId('block-unavailable-reason'), `${id} gives a reason`).toHaveText(
          /^[A-Z][^.]+\. \S/,
        );
        await expect(block.getByRole('button', { name: 'Retry' })).toBeVisible();
      }
      // Salesforce and Portico's own data are unaffected.
      for (const id of ['block-cases', 'block-crm', 'block-usage']) {
        await expect(
          page.getByTestId(id).getByText('Temporarily unavailable'),
          `${id} still shows`,
        ).toHaveCount(0);
      }
      const cases = page.getByTestId('block-cases');
      await expect(cases.getByRole('listitem').or(cases.getByTestId('empty-state')).first()).toBeVisible();
      await expect(
        page
          .getByTestId('block-usage')
          .getByTestId(/^usage-tile-/)
          .first(),
      ).toBeVisible();
      // The plan limits come from the billing system: while it is down, the tiles keep the figures and limits the
      // usage sync last read from it (Starter Hosting: 10 GB), never "unlimited".
      await expect(page.getByTestId('usage-tile-disk')).toContainText('of 10 GB');
      await expect(page.getByTestId('usage-tile-disk')).toHaveAttribute('data-source', 'whmcs');
      await expect(page.getByTestId('block-usage')).not.toContainText(/unlimited/i);

      const overflow = await page.evaluate(
        () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await page.screenshot({ path: artifact('dashboard-degraded-1280.png'), fullPage: true });
    } finally {
      await clearFaults(request);
    }

    // With the upstream back, Retry brings the billing blocks back without a reload (once the open circuit breaker lets
    // a call through again: a Retry inside its half-open delay still answers unavailable, so the user retries).
    await expect(async () => {
      const retry = page.getByTestId('block-balance').getByRole('button', { name: 'Retry' });
      if (await retry.isVisible()) await retry.click();
      await expect(page.getByTestId('balance-due')).toBeVisible({ timeout: 3_000 });
    }).toPass({ timeout: 30_000 });
    await expect(page.getByTestId('block-profile').getByText('Temporarily unavailable')).toHaveCount(0);
  });
});

test.describe('several accounts', () => {
  test('owner@acme.example switches to Globex Corporation and sees its dashboard', async ({ page }) => {
    await signIn(page);
    const acmeId = accountIdFrom(page.url());
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Acme Hosting Ltd');

    const switcher = page.getByTestId('account-switcher');
    await expect(switcher.locator('option')).toHaveText([
      'Acme Hosting Ltd (Owner)',
      'Globex Corporation (Viewer)',
    ]);
    const remembered = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/me/last-account') && r.request().method() === 'PUT',
    );
    await switcher.selectOption({ label: 'Globex Corporation (Viewer)' });

    await page.waitForURL(
      (url) => /\/dashboard$/.test(url.pathname) && !url.pathname.startsWith(`/${acmeId}/`),
    );
    expect((await remembered).status()).toBe(204);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Globex Corporation');
    await expect(switcher.locator('option:checked')).toHaveText('Globex Corporation (Viewer)');
    // Globex is billed in EUR.
    await expect(page.getByTestId('block-next-invoice').getByText('€').first()).toBeVisible();
    await expect(page.getByTestId('block-subscriptions')).toContainText('Enterprise VPS');
    await expect(page.getByTestId('block-subscriptions')).not.toContainText('Business Hosting');
    // Alice is a viewer of Globex: she reads everything but opens no cases and does not see its users.
    await expect(page.getByRole('link', { name: 'New support case' })).toHaveCount(0);
    await expect(
      page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Users' }),
    ).toHaveCount(0);
    await page.screenshot({ path: artifact('dashboard-globex-1280.png'), fullPage: true });
    const globexPath = new URL(page.url()).pathname;

    // The last used account is remembered by the BFF: `/` opens Globex again. Switching back restores Acme for the
    // tests that follow.
    await page.goto('/');
    await page.waitForURL((url) => url.pathname === globexPath);
    const back = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/me/last-account') && r.request().method() === 'PUT',
    );
    await page.getByTestId('account-switcher').selectOption({ label: 'Acme Hosting Ltd (Owner)' });
    await page.waitForURL((url) => url.pathname.startsWith(`/${acmeId}/`));
    expect((await back).status()).toBe(204);
  });
});

test.describe('invoices', () => {
  test('the status tabs filter the list and an invoice shows its line items', async ({ page }) => {
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    await page.goto(`/${accountId}/billing`);
    const table = page.getByTestId('invoice-table');
    const statuses = table.locator('tbody tr').getByTestId('status-badge');
    await expect(statuses.first()).toBeVisible();
    const allStatuses = await statuses.allTextContents();
    expect(new Set(allStatuses).size).toBeGreaterThan(1);
    const paidOnFirstPage = allStatuses.filter((s) => s === 'Paid').length;
    expect(paidOnFirstPage).toBeGreaterThan(0);
    const distinct = async () => [...new Set(await statuses.allTextContents())];

    // Seeded Acme has several paid invoices and one cancelled one; other tests never cancel or un-pay invoices.
    await page.getByRole('radio', { name: 'Cancelled' }).click();
    await expect(page).toHaveURL(/status=cancelled/);
    await expect.poll(distinct).toEqual(['Cancelled']);

    await page.getByRole('radio', { name: 'Paid' }).click();
    await expect(page).toHaveURL(/status=paid/);
    await expect(page.getByRole('radio', { name: 'Paid' })).toHaveAttribute('aria-checked', 'true');
    await expect.poll(distinct).toEqual(['Paid']);
    expect(await statuses.count()).toBeGreaterThanOrEqual(paidOnFirstPage);
    const firstPaid = table.locator('tbody tr').first();
    const number = (await firstPaid.getByRole('link').textContent()) ?? '';
    expect(number).toMatch(/^#\S+/);
    await firstPaid.getByRole('link').click();

    await page.waitForURL(new RegExp(`/${accountId}/billing/[^/?]+$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(`Invoice ${number}`);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Paid');
    const items = page.getByTestId('line-items').locator('tbody tr');
    await expect(items.first()).toBeVisible();
    await expect(items.first().locator('td').first()).not.toBeEmpty();
    await expect(items.first().locator('td.num')).toHaveText(/^-?\$[\d,]+\.\d{2}$/);
    await expect(page.getByTestId('line-items').locator('tfoot')).toContainText('Total');
    await page.screenshot({ path: artifact('invoice-paid-detail-1280.png'), fullPage: true });
  });
});

test.describe('session', () => {
  test('without the access cookie the billing page still loads through a refresh', async ({
    page,
    context,
  }) => {
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    const names = (await context.cookies()).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(['portico_at', 'portico_rt']));

    await context.clearCookies({ name: 'portico_at' });
    expect((await context.cookies()).map((c) => c.name)).not.toContain('portico_at');

    const refreshed = page.waitForResponse(
      (r) => r.url().endsWith('/api/v1/auth/refresh') && r.request().method() === 'POST',
    );
    await page.goto(`/${accountId}/billing`);
    expect((await refreshed).status()).toBe(200);

    await expect(page.getByTestId('invoice-table')).toBeVisible();
    await expect(page).toHaveURL(new RegExp(`/${accountId}/billing`));
    await expect(page.getByTestId('account-switcher')).toBeVisible();
    expect((await context.cookies()).map((c) => c.name)).toContain('portico_at');
  });
});

test.afterAll(async ({ request }) => {
  // Never leave a fault behind for the other suites, even when a test was cut short.
  await clearFaults(request);
});
