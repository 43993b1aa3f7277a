import { expect, test, type Page } from '@playwright/test';
import { DEMO_PASSWORD, SANDBOX_URL, artifact, clearFaults, signIn } from './helpers';

/** The e2e stack's fresh time of a cached block (STATUS_CACHE_TTL_MS in scripts/test.mjs), ms. */
const FRESH_MS = 5000;

async function noHorizontalOverflow(page: Page): Promise<void> {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

// Runs before the other files (alphabetical order, one worker): Globex is not in the BFF's cache yet.
test.describe('a degraded dashboard', () => {
  test('cards read before an outage keep their last copy with its age and why; cards never read say unavailable, with Retry', async ({
    page,
    request,
  }) => {
    const fault = async (data: object) => {
      const res = await request.post(`${SANDBOX_URL}/__admin/faults`, { data });
      expect(res.ok(), `fault answered ${res.status()}`).toBeTruthy();
    };
    try {
      // The support system is down from the start: its cards have no copy to fall back on.
      await fault({ upstream: 'salesforce', mode: 'error', status: 500 });
      await signIn(page, { email: 'owner@globex.example', password: DEMO_PASSWORD });
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Globex Corporation');
      await expect(page.getByTestId('balance-due')).toBeVisible();

      // Later the billing system fails too, once its cards are past their fresh time.
      await page.waitForTimeout(FRESH_MS + 1000);
      await fault({ upstream: 'whmcs', mode: 'error', status: 500 });
      const balance = page.getByTestId('block-balance');
      await expect(async () => {
        await page.reload();
        await expect(balance.getByTestId('block-freshness')).toContainText('billing system is unavailable', {
          timeout: 2000,
        });
      }).toPass({ timeout: 30_000 });

      // Billing cards: still their data, with its age and a calm note, no alarm.
      for (const id of [
        'block-balance',
        'block-next-invoice',
        'block-subscriptions',
        'block-recent-invoices',
        'block-profile',
      ]) {
        const card = page.getByTestId(id);
        await expect(card.getByTestId('block-freshness'), `${id} says how old and why`).toHaveText(
          /^Updated (now|\d+ minutes? ago)· , billing system is unavailableLast copy$/,
        );
        await expect(card.getByText('Temporarily unavailable')).toHaveCount(0);
      }
      await expect(page.getByTestId('balance-due')).toBeVisible();
      await expect(page.getByTestId('block-next-invoice').getByText('€').first()).toBeVisible();
      // Support cards: never read, so unavailable with the reason and a Retry.
      for (const id of ['block-cases', 'block-crm']) {
        const card = page.getByTestId(id);
        await expect(card.getByText('Temporarily unavailable')).toBeVisible();
        await expect(card.getByTestId('block-unavailable-reason')).toContainText(
          'Support system is unavailable.',
        );
        await expect(card.getByRole('button', { name: 'Retry' })).toBeVisible();
      }
      await noHorizontalOverflow(page);
      await page.screenshot({ path: artifact('dashboard-stale-unavailable-1280.png'), fullPage: true });
      await page.setViewportSize({ width: 375, height: 812 });
      await noHorizontalOverflow(page);
      await page.screenshot({ path: artifact('dashboard-stale-unavailable-375.png'), fullPage: true });
      await page.setViewportSize({ width: 1280, height: 900 });
    } finally {
      await clearFaults(request);
    }

    // Back to normal: Retry brings the support cards (once the breaker lets a trial call through), and the billing
    // cards refresh by themselves.
    const cases = page.getByTestId('block-cases');
    await expect(async () => {
      const retry = cases.getByRole('button', { name: 'Retry' });
      if (await retry.isVisible()) await retry.click();
      await expect(cases.getByText('Temporarily unavailable')).toHaveCount(0, { timeout: 2000 });
    }).toPass({ timeout: 30_000 });
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId('block-balance').getByText('Last copy')).toHaveCount(0, {
        timeout: 2000,
      });
    }).toPass({ timeout: 30_000 });
  });
});
