import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, SANDBOX_URL, accountIdFrom, artifact, clearFaults, signIn } from './helpers';

test.describe('audit log', () => {
  test('an owner filters the audit log and downloads the filtered set as CSV; a billing member has no audit page', async ({
    page,
    browser,
  }) => {
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Audit log' }).click();
    await page.waitForURL(new RegExp(`/${accountId}/audit`));
    const table = page.getByTestId('audit-table');
    await expect(table).toBeVisible();
    await expect(table.getByText('Signed in').first()).toBeVisible();
    await expect(table.getByText('o***@acme.example').first()).toBeVisible();
    await expect(page.getByText('owner@acme.example')).toHaveCount(0);
    await page.screenshot({ path: artifact('audit-1280.png'), fullPage: true });

    await page.getByLabel('Action').selectOption({ label: 'Signed in' });
    await page.getByLabel('Person (email)').fill('owner@acme.example');
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/action=auth\.login_succeeded/);
    const actions = table.locator('td[data-label="Action"]');
    await expect(actions.first()).toHaveText('Signed in');
    expect(new Set(await actions.allTextContents())).toEqual(new Set(['Signed in']));

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('audit-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^audit-.+\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe(
      'occurred_at,action,description,actor_name,actor_email,target,ip,user_agent,request_id',
    );
    expect(csv.length).toBeGreaterThan(1);
    expect(
      csv
        .slice(1)
        .every((line) => line.includes(',auth.login_succeeded,Signed in,Alice Acme,o***@acme.example,')),
    ).toBe(true);

    // A from day after the to day is refused in the browser.
    await page.getByLabel('From').fill('2026-02-02');
    await page.getByLabel('To').fill('2026-02-01');
    await expect(page.locator('#audit-range-error')).toHaveText(
      'The first day must not be after the last day.',
    );
    await expect(page.getByRole('button', { name: 'Apply' })).toBeDisabled();
    await page.getByRole('button', { name: 'Clear' }).click();
    await expect(page).not.toHaveURL(/action=/);

    await page.setViewportSize({ width: 375, height: 812 });
    await expect(table).toBeVisible();
    await page.screenshot({ path: artifact('audit-375.png'), fullPage: true });

    const billing = await browser.newPage();
    await signIn(billing, { email: 'billing@acme.example', password: DEMO_PASSWORD });
    await expect(
      billing.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Billing' }),
    ).toBeVisible();
    await expect(
      billing.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Audit log' }),
    ).toHaveCount(0);
    await billing.goto(`/${accountId}/audit`);
    await expect(billing.getByText('Your role does not allow this')).toBeVisible();
    await billing.close();
  });
});

test.describe('platform administration', () => {
  test('a platform admin links an account to WHMCS and Salesforce, with the clash and bad ids refused on their fields', async ({
    page,
  }) => {
    await page.goto('/login');
    await page.getByLabel('Email').fill('admin@portico.example');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/admin$/);
    await expect(
      page.getByTestId('admin-account-table').getByText('Acme Hosting Ltd', { exact: true }),
    ).toBeVisible();

    const suffix = `${Date.now()}`.slice(-6);
    const name = `Linkless ${suffix}`;
    // A state-changing request must carry the session's CSRF token (double-submit cookie), as the portal's client does.
    const csrf =
      (await page.context().cookies()).find(
        (c) => c.name === '__Host-portico_csrf' || c.name === 'portico_csrf',
      )?.value ?? '';
    const created = await page.request.post('/api/v1/admin/accounts', {
      data: { name },
      headers: { 'x-csrf-token': csrf },
    });
    expect(created.status()).toBe(201);

    await page.getByRole('searchbox').fill(name);
    await page.getByRole('button', { name: 'Search' }).click();
    const table = page.getByTestId('admin-account-table');
    await expect(table.locator('tbody tr')).toHaveCount(1);
    await expect(table.getByText('Not linked')).toHaveCount(2);
    await page.screenshot({ path: artifact('admin-accounts-1280.png'), fullPage: true });

    await page.getByRole('button', { name: `Edit links of ${name}` }).click();
    const form = page.getByTestId('account-link-form');
    await form.getByLabel('WHMCS client id').fill('1');
    await form.getByRole('button', { name: 'Save links' }).click();
    await expect(form.locator('#link-whmcsClientId-error')).toHaveText(
      'This WHMCS client id is already linked to another account',
    );

    await form.getByLabel('WHMCS client id').fill('-4');
    await form.getByLabel('Salesforce Account Id').fill('001A00000');
    await form.getByRole('button', { name: 'Save links' }).click();
    await expect(form.locator('#link-whmcsClientId-error')).toHaveText('Must be a positive integer');
    await expect(form.locator('#link-salesforceAccountId-error')).toHaveText(
      'Must be a 15 or 18 character Salesforce Id',
    );
    await page.screenshot({ path: artifact('admin-link-invalid-1280.png'), fullPage: true });

    const whmcsId = String(800_000 + Number(suffix));
    const sfId = `001A0000${suffix}LnkAAA`.slice(0, 18);
    await form.getByLabel('WHMCS client id').fill(whmcsId);
    await form.getByLabel('Salesforce Account Id').fill(sfId);
    await form.getByRole('button', { name: 'Save links' }).click();
    await expect(page.getByRole('status').filter({ hasText: `Saved the links of ${name}.` })).toBeVisible();
    await expect(table.locator('tbody tr').first()).toContainText(whmcsId);
    await expect(table.locator('tbody tr').first()).toContainText(sfId);

    await page.setViewportSize({ width: 375, height: 812 });
    await page.screenshot({ path: artifact('admin-accounts-375.png'), fullPage: true });
  });

  test('the admin area is a 404 for everyone else', async ({ page }) => {
    await signIn(page);
    await page.goto('/admin');
    await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
    await expect(page.getByTestId('admin-account-table')).toHaveCount(0);
  });
});

test.describe('dead-lettered webhook deliveries', () => {
  const BFF_URL = (process.env.BFF_URL ?? 'http://127.0.0.1:4000').replace(/\/+$/, '');
  // The dev default of WHMCS_WEBHOOK_SECRET, shared by the throwaway stack's sandbox and BFF.
  const WHMCS_SECRET =
    process.env.WHMCS_WEBHOOK_SECRET ?? 'whsec_cG9ydGljby1kZXYtd2hjbXMtd2ViaG9vay1zZWNyZXQ=';

  test('a platform admin sees a dead letter with its error and replays it once the upstream is back', async ({
    page,
    request,
  }) => {
    test.setTimeout(90_000);
    // GetInvoice fails, so a webhook without a userid (its client looked up from the invoice) fails every attempt.
    const fault = await request.post(`${SANDBOX_URL}/__admin/faults`, {
      data: { upstream: 'whmcs', action: 'GetInvoice', mode: 'error', status: 500 },
    });
    expect(fault.ok(), `fault answered ${fault.status()}`).toBeTruthy();
    const deliveryId = `msg_e2e_dead_${Date.now()}`;
    try {
      const body = JSON.stringify({
        event: 'InvoiceCreated',
        occurredAt: new Date().toISOString(),
        userid: null,
        params: { invoiceid: '1001' },
      });
      const timestamp = String(Math.floor(Date.now() / 1000));
      const key = Buffer.from(WHMCS_SECRET.slice('whsec_'.length), 'base64');
      const signature = createHmac('sha256', key)
        .update(`${deliveryId}.${timestamp}.${body}`)
        .digest('base64');
      const sent = await request.post(`${BFF_URL}/webhooks/whmcs`, {
        data: body,
        headers: {
          'content-type': 'application/json',
          'webhook-id': deliveryId,
          'webhook-timestamp': timestamp,
          'webhook-signature': `v1,${signature}`,
        },
      });
      expect(sent.status(), await sent.text()).toBeLessThan(300);

      await page.goto('/login');
      await page.getByLabel('Email').fill('admin@portico.example');
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL(/\/admin$/);
      await page
        .getByRole('navigation', { name: 'Administration sections' })
        .getByRole('link', { name: 'Webhook deliveries' })
        .click();
      await page.waitForURL(/\/admin\/webhook-deliveries/);
      await expect(page.getByLabel('Status')).toHaveValue('dead_lettered');

      const row = page.locator(`tr[data-delivery-id="${deliveryId}"]`);
      await expect(async () => {
        await page.reload();
        await expect(row).toBeVisible({ timeout: 2000 });
      }).toPass({ timeout: 45_000 });
      await expect(row.getByText('Dead-lettered')).toBeVisible();
      await expect(row.locator('td[data-label="Attempts"]')).toHaveText('2');
      await expect(row.locator('td[data-label="Last error"]')).not.toHaveText('None');
      await page.screenshot({ path: artifact('admin-webhook-deliveries-1280.png'), fullPage: true });
      await page.setViewportSize({ width: 375, height: 812 });
      await page.screenshot({ path: artifact('admin-webhook-deliveries-375.png'), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 800 });

      await clearFaults(request);
      await row.getByRole('button', { name: /^Replay / }).click();
      await expect(
        page.getByRole('status').filter({ hasText: `delivery ${deliveryId}) again.` }),
      ).toBeVisible();
      await expect(row).toHaveCount(0);

      await page.getByLabel('Status').selectOption('all');
      await expect(page).toHaveURL(/status=all/);
      await expect(async () => {
        await page.reload();
        await expect(row.locator('td[data-label="Status"]')).toHaveText(/Processed|Ignored/, {
          timeout: 2000,
        });
      }).toPass({ timeout: 30_000 });
      await page.screenshot({ path: artifact('admin-webhook-deliveries-replayed-1280.png'), fullPage: true });
    } finally {
      await clearFaults(request);
    }
  });
});
