import { expect, test } from '@playwright/test';
import { artifact, DEMO_PASSWORD } from './helpers';

/** Initech GmbH (the BFF's demo seed), whose own identity provider serves initech-staff.example. */
const INITECH_ID = '5b1f0c3e-0000-4000-8000-000000000003';

// The demo seed gives Initech an identity provider (the sandbox's OpenID provider) for initech-staff.example.
test.describe('sign-in through an account’s own identity provider', () => {
  test('a platform admin sets the account’s provider, and a person of its domain signs in through it into that account', async ({
    browser,
  }) => {
    // 1. The platform administrator reviews and changes Initech's provider in the admin area.
    const adminContext = await browser.newContext();
    const admin = await adminContext.newPage();
    await admin.goto('/login');
    await admin.getByLabel('Email').fill('admin@portico.example');
    await admin.getByLabel('Password').fill(DEMO_PASSWORD);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.waitForURL(/\/admin$/);
    await admin.getByTestId(`admin-idp-${INITECH_ID}`).click();
    const form = admin.getByTestId('identity-provider-form');
    await expect(form.getByTestId('identity-provider-state')).toContainText(
      'sign in through this OpenID Connect',
    );
    await expect(form.getByLabel('Email domains')).toHaveValue('initech-staff.example');
    // The secret is write-only: only its masked hint is shown.
    await expect(form.getByLabel('Client secret')).toHaveValue('');
    await expect(form.getByText(/A secret is stored \(••••/)).toBeVisible();
    await form.getByLabel('Role of new members').selectOption('technical');
    await form.getByLabel('Add people of these domains as members at their first sign-in').check();
    await form.getByRole('button', { name: 'Save identity provider' }).click();
    await expect(
      admin.getByRole('status').filter({ hasText: 'Saved the identity provider of Initech GmbH.' }),
    ).toBeVisible();
    await admin.screenshot({ path: artifact('admin-identity-provider-1280.png'), fullPage: true });
    await adminContext.close();

    // 2. A person of the domain is offered the company sign-in (the password stays one click away).
    const page = await browser.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill('ivy.staff@initech-staff.example');
    await page.getByLabel('Email').press('Tab');
    const offer = page.getByTestId('login-sso');
    await expect(offer).toBeVisible();
    await expect(page.getByLabel('Password')).toHaveCount(0);
    await page.screenshot({ path: artifact('login-account-sso-1280.png'), fullPage: true });
    await offer.getByRole('button', { name: 'Use a password instead' }).click();
    await expect(page.getByLabel('Password')).toBeVisible();
    await page.reload();
    await page.getByLabel('Email').fill('ivy.staff@initech-staff.example');
    await page.getByLabel('Email').press('Tab');
    await page.getByRole('link', { name: 'Continue with your company’s sign-in' }).click();

    // 3. The provider's own sign-in page, then back into Initech as a member added just in time.
    await page.waitForURL(/\/interaction\//);
    await page.getByLabel('Email').fill('ivy.staff@initech-staff.example');
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(new RegExp(`/${INITECH_ID}/dashboard$`));
    const me = await page.request.get('/api/v1/me');
    expect(me.status()).toBe(200);
    const body = (await me.json()) as { memberships: { accountId: string; role: string }[] };
    expect(body.memberships).toEqual([expect.objectContaining({ accountId: INITECH_ID, role: 'technical' })]);
    await page.close();
  });
});
