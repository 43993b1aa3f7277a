import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { DEMO_PASSWORD, DEMO_USER, accountIdFrom, signIn } from './helpers';

/**
 * WCAG 2.2 AA, checked in the browser: every page is scanned by axe-core in the light and the dark theme, at 1280 and
 * 375 px, and any violation fails the test (its rule, impact and the first offending elements are printed). The
 * experimental `label-content-name-mismatch` rule (WCAG 2.5.3, label in name) is switched on too. Then the key paths
 * are walked with the keyboard alone.
 */

const THEMES = ['light', 'dark'] as const;
const WIDTHS = [1280, 375] as const;
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

/** Waits until the page has painted its data: no skeleton left and the main landmark present. */
async function settled(page: Page): Promise<void> {
  await page.locator('main').first().waitFor();
  await expect(page.getByTestId('skeleton')).toHaveCount(0, { timeout: 15_000 });
}

/** Runs axe on the current page and fails with a readable list of violations. */
async function expectNoViolations(page: Page, where: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(WCAG_TAGS)
    .options({ rules: { 'label-content-name-mismatch': { enabled: true } } })
    .analyze();
  const found = result.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    ${v.nodes
        .slice(0, 3)
        .map((n) => `${n.target.join(' ')}: ${n.failureSummary?.split('\n').slice(1).join(' ') ?? ''}`)
        .join('\n    ')}`,
  );
  expect(found, `axe violations on ${where}`).toEqual([]);
}

/** Opens `path` in each theme and width and scans it. */
async function scanEverywhere(context: BrowserContext, page: Page, path: string): Promise<void> {
  for (const theme of THEMES) {
    // One cookie for the whole site (path /), as the switcher writes it.
    const origin = new URL(test.info().project.use.baseURL ?? page.url()).origin;
    await context.addCookies([{ name: 'portico_theme', value: theme, url: `${origin}/` }]);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(path);
      await settled(page);
      await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
      await expectNoViolations(page, `${path} (${theme}, ${width} px)`);
    }
  }
}

/** A signed-in context (storage state) for `email`. */
async function signedInContext(
  browser: Browser,
  email: string,
): Promise<{ context: BrowserContext; page: Page; accountId: string }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (email === DEMO_USER.email) await signIn(page);
  else {
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  }
  return { context, page, accountId: email === DEMO_USER.email ? accountIdFrom(page.url()) : '' };
}

test.describe('axe-core scans (WCAG 2.2 AA), both themes, 1280 and 375 px', () => {
  test.describe.configure({ timeout: 240_000 });

  test('signed-out pages', async ({ browser }) => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto('/login');
    for (const path of ['/login', '/forgot-password', '/reset-password'])
      await scanEverywhere(context, page, path);
    await context.close();
  });

  const ACCOUNT_PAGES = [
    'dashboard',
    'usage',
    'billing',
    'billing/payment-methods',
    'services',
    'domains',
    'support',
    'support/new',
    'users',
    'audit',
    'settings',
  ];
  for (const section of ACCOUNT_PAGES) {
    test(`account page: ${section}`, async ({ browser }) => {
      const { context, page, accountId } = await signedInContext(browser, DEMO_USER.email);
      await scanEverywhere(context, page, `/${accountId}/${section}`);
      await context.close();
    });
  }

  test('detail pages: an invoice and a support case', async ({ browser }) => {
    const { context, page, accountId } = await signedInContext(browser, DEMO_USER.email);
    await page.goto(`/${accountId}/billing`);
    const invoiceHref = await page.getByTestId('invoice-table').locator('a').first().getAttribute('href');
    await page.goto(`/${accountId}/support`);
    const caseHref = await page.getByTestId('case-table').locator('a').first().getAttribute('href');
    for (const href of [invoiceHref, caseHref]) {
      expect(href).toBeTruthy();
      await scanEverywhere(context, page, href ?? '/');
    }
    await context.close();
  });

  test('platform administration pages', async ({ browser }) => {
    const { context, page } = await signedInContext(browser, 'admin@portico.example');
    for (const path of ['/admin', '/admin/webhook-deliveries', '/admin/api-keys'])
      await scanEverywhere(context, page, path);
    await context.close();
  });
});

test.describe('keyboard only', () => {
  test('sign in, then reach and open a dashboard link', async ({ page }) => {
    await page.goto('/login');
    // The skip link comes first, then the form.
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Email')).toBeFocused();
    await page.keyboard.type(DEMO_USER.email);
    await page.keyboard.press('Tab');
    await expect(page.getByLabel('Password')).toBeFocused();
    await page.keyboard.type(DEMO_USER.password);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/[^/]+\/dashboard$/);
    await expect(page.getByTestId('block-next-invoice')).toBeVisible();

    // Tab from the top until a link inside the dashboard's invoice block has focus, then open it with Enter.
    let reached = false;
    for (let i = 0; i < 60 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(() => {
        const el = document.activeElement;
        return el instanceof HTMLAnchorElement && el.closest('[data-testid="block-next-invoice"]') !== null;
      });
    }
    expect(reached, 'a link in the next-invoice block is reachable by Tab').toBe(true);
    const outline = await page.evaluate(
      () => getComputedStyle(document.activeElement as Element).outlineStyle,
    );
    expect(outline, 'the focused link shows a focus outline').not.toBe('none');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/billing\//);
  });

  test('the usage chart: one tab stop, arrow keys move between points and announce their values', async ({
    page,
  }) => {
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    await page.goto(`/${accountId}/usage?metric=disk_usage&range=30d`);
    const chart = page.getByTestId('usage-chart-focus');
    await expect(page.getByTestId('usage-chart')).toBeVisible();
    await chart.focus();
    await expect(chart).toBeFocused();
    const announcement = page.getByTestId('usage-chart-announcement');
    await expect(announcement).toHaveAttribute('aria-live', 'polite');
    await expect(announcement).toHaveText(/point (\d+) of \1$/);
    const count = Number(/of (\d+)$/.exec((await announcement.textContent()) ?? '')?.[1]);
    await page.keyboard.press('ArrowLeft');
    await expect(announcement).toHaveText(new RegExp(`point ${count - 1} of ${count}$`));
    await page.keyboard.press('Home');
    await expect(announcement).toHaveText(new RegExp(`point 1 of ${count}$`));
    await page.keyboard.press('ArrowRight');
    await expect(announcement).toHaveText(new RegExp(`point 2 of ${count}$`));
    await page.keyboard.press('End');
    await expect(announcement).toHaveText(new RegExp(`point ${count} of ${count}$`));
  });

  test('a table: an invoice row link is reached with Tab and opened with Enter', async ({ page }) => {
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    await page.goto(`/${accountId}/billing`);
    await expect(page.getByTestId('invoice-table')).toBeVisible();
    let reached = false;
    for (let i = 0; i < 80 && !reached; i += 1) {
      await page.keyboard.press('Tab');
      reached = await page.evaluate(
        () =>
          document.activeElement?.closest('[data-testid="invoice-table"]') != null &&
          document.activeElement instanceof HTMLAnchorElement,
      );
    }
    expect(reached, 'an invoice link is reachable by Tab').toBe(true);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/${accountId}/billing/[^/]+$`));
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  });

  test('a form: a new support case is filled and sent with the keyboard, errors first', async ({ page }) => {
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    await page.goto(`/${accountId}/support/new`);
    const subject = page.getByLabel('Subject');
    await subject.focus();
    await expect(subject).toBeFocused();
    // Sending the empty form moves nothing forward: the browser's validation keeps focus in the form.
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`/${accountId}/support/new$`));
    await page.keyboard.type('Keyboard-only case');
    await page.keyboard.press('Tab');
    // Walk to the description (category and priority selects keep their defaults) and type it.
    for (let i = 0; i < 6; i += 1) {
      if (await page.evaluate(() => document.activeElement instanceof HTMLTextAreaElement)) break;
      await page.keyboard.press('Tab');
    }
    await expect(page.locator('textarea:focus')).toHaveCount(1);
    await page.keyboard.type('Typed and sent without a mouse.');
    // Tab to the submit button and press it.
    for (let i = 0; i < 6; i += 1) {
      await page.keyboard.press('Tab');
      if (await page.evaluate(() => (document.activeElement as HTMLButtonElement | null)?.type === 'submit'))
        break;
    }
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/${accountId}/support/(?!new)[^/]+$`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Keyboard-only case');
  });

  test('a dialog: the user menu opens with Enter, is worked with Tab, and Escape closes it and returns focus', async ({
    page,
  }) => {
    await signIn(page);
    const button = page.getByRole('button', { name: /Open user menu/ });
    await button.focus();
    await page.keyboard.press('Enter');
    await expect(button).toHaveAttribute('aria-expanded', 'true');
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('language-switcher')).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(page.getByTestId('theme-switcher')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(button).toHaveAttribute('aria-expanded', 'false');
    await expect(button).toBeFocused();
  });
});

test.describe('motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('with reduced motion, nothing animates or transitions for long', async ({ page }) => {
    await signIn(page);
    const longest = await page.evaluate(() => {
      let max = 0;
      for (const el of Array.from(document.querySelectorAll('*'))) {
        const style = getComputedStyle(el);
        for (const d of `${style.animationDuration},${style.transitionDuration}`.split(','))
          max = Math.max(max, parseFloat(d) || 0);
      }
      return max;
    });
    expect(longest).toBeLessThan(0.01);
  });
});
