import { expect, test } from '@playwright/test';
import { artifact, DEMO_PASSWORD } from './helpers';

// The end-to-end stack runs with OIDC_ENABLED=true against the sandbox's OpenID provider (scripts/test.mjs).
test.describe('sign-in through the company identity provider', () => {
  test('signs a demo user in through the sandbox OpenID provider and opens their dashboard', async ({
    page,
  }) => {
    await page.goto('/login');
    const company = page.getByTestId('login-oidc');
    await expect(company).toHaveText('Sign in with your company account');
    await page.screenshot({ path: artifact('oidc-login-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 812 });
    await page.screenshot({ path: artifact('oidc-login-375.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await company.click();
    // The provider's own sign-in page (another origin).
    await page.waitForURL(/\/interaction\//);
    await expect(page.getByRole('heading', { name: 'Sandbox identity provider' })).toBeVisible();
    await page.getByLabel('Email').fill('owner@acme.example');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/[^/]+\/dashboard$/);
    await expect(page.getByTestId('block-next-invoice')).toBeVisible();
  });

  test('a person of another domain is refused with a code and a message, not signed in', async ({ page }) => {
    await page.goto('/login');
    await page.getByTestId('login-oidc').click();
    await page.waitForURL(/\/interaction\//);
    await page.getByLabel('Email').fill('owner@globex.example');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/api\/v1\/auth\/oidc\/callback/);
    await expect(page.locator('body')).toContainText('"code":"forbidden"');
    const me = await page.request.get('/api/v1/me');
    expect(me.status()).toBe(401);
  });
});
