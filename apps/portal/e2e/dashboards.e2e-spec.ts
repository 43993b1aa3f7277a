import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { accountIdFrom, artifact, signIn } from './helpers';

test.describe('dashboards', () => {
  test('range applies to every panel; drill-down with aggregation off exports raw CSV; a report link reopens the same view', async ({
    page,
    context,
  }) => {
    test.setTimeout(120_000);
    await signIn(page);
    const accountId = accountIdFrom(page.url());

    await page.getByRole('link', { name: 'Dashboards', exact: true }).click();
    await page.waitForURL(new RegExp(`/${accountId}/dashboards`));
    const grid = page.getByTestId('dashboard-grid');
    await expect(grid).toBeVisible();
    const panels = grid.locator('section[data-panel-type]');
    await expect(panels).toHaveCount(11);
    await expect(grid.locator('section[data-state="ready"]')).toHaveCount(11, { timeout: 30_000 });
    // Formatted by Intl for the page's language: "70%" in English, "70 %" in German.
    await expect(page.getByTestId('panel-disk-used').getByTestId('kpi-value')).toHaveText(/^\d+\s?%$/);
    await page.screenshot({ path: artifact('dashboards-1280.png'), fullPage: true });

    // The range: 30 days. Every panel reads the new window (the URL keeps it).
    const from7 = await grid.getAttribute('data-from');
    const requested = new Set<string>();
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname.includes('/panels/') && url.pathname.endsWith('/data'))
        requested.add(`${url.pathname.split('/panels/')[1]}@${url.searchParams.get('from')}`);
    });
    await page.getByRole('radio', { name: '30 d' }).click();
    await expect(page).toHaveURL(/range=30d/);
    const from30 = await grid.getAttribute('data-from');
    expect(Date.parse(from30!)).toBeLessThan(Date.parse(from7!));
    await expect
      .poll(() => [...requested].filter((r) => r.endsWith(`@${from30}`)).length, { timeout: 30_000 })
      .toBe(11);
    await expect(grid.locator('section[data-state="ready"]')).toHaveCount(11);

    // A custom range of the last 3 days, then drill into the bandwidth timeseries with aggregation off.
    const day = (offset: number) => new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('From date').fill(day(2));
    await page.getByLabel('To date').fill(day(0));
    await page.getByRole('button', { name: 'Apply' }).click();
    await expect(page).toHaveURL(/from=.*&to=/);
    await page.getByRole('button', { name: 'Drill down into Bandwidth', exact: true }).click();
    const drill = page.getByTestId('drilldown');
    await expect(drill).toBeVisible();
    await expect(drill.getByTestId('drilldown-table')).toBeVisible();
    await expect(drill.getByRole('heading', { name: /Points \(/ })).toBeVisible();
    await drill.getByLabel('Aggregation off (raw points)').check();
    await expect(drill.getByRole('heading', { name: 'Raw points' })).toBeVisible();
    const rawRows = await drill.getByTestId('drilldown-table').locator('tbody tr').count();
    expect(rawRows).toBeGreaterThan(10);
    await page.screenshot({ path: artifact('dashboards-drilldown-1280.png') });
    const downloadPromise = page.waitForEvent('download');
    await drill.getByRole('link', { name: 'Export CSV' }).click();
    const download = await downloadPromise;
    expect(download.suggestedFilename()).toMatch(/^default-bandwidth-trend-raw-.*\.csv$/);
    const csv = readFileSync(await download.path(), 'utf8')
      .trim()
      .split('\r\n');
    expect(csv[0]).toBe('metric,service,timestamp,value,min,max');
    expect(csv.length).toBeGreaterThan(10);
    expect(csv.slice(1).every((line) => line.startsWith('bandwidth,'))).toBe(true);

    // The report link opens in a new page with the same view (panel, range, raw points).
    const reportHref = await drill.getByRole('link', { name: 'Open report' }).getAttribute('href');
    expect(reportHref).toMatch(/\/reports\/bandwidth-trend\?dashboard=default&from=.*&to=.*&aggregation=off/);
    const report = await context.newPage();
    await report.goto(reportHref!);
    await expect(report.getByRole('heading', { name: 'Bandwidth' })).toBeVisible();
    await expect(report.getByTestId('report-range')).toContainText('raw points');
    await expect(report.getByTestId('timeseries-chart')).toBeVisible();
    const label = await report.getByTestId('timeseries-chart').getAttribute('aria-label');
    expect(label).toContain(', raw');
    await report.reload();
    await expect(report.getByTestId('timeseries-chart')).toHaveAttribute('aria-label', label!);
    await report.screenshot({ path: artifact('dashboards-report-1280.png'), fullPage: true });
    await report.close();
  });

  test('the Performance dashboard stacks to one column at 375 px', async ({ page }) => {
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    await page.setViewportSize({ width: 375, height: 812 });
    await page.goto(`/${accountId}/dashboards?dashboard=performance&range=30d`);
    const grid = page.getByTestId('dashboard-grid');
    await expect(grid.locator('section[data-state="ready"]')).toHaveCount(9, { timeout: 30_000 });
    const boxes = await grid
      .locator('section[data-panel-type]')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    expect(new Set(boxes.map((w) => Math.round(w))).size).toBe(1);
    await expect(page.getByTestId('panel-bandwidth-heatmap').getByTestId('panel-image')).toBeVisible();
    await page.screenshot({ path: artifact('dashboards-performance-375.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: artifact('dashboards-performance-1280.png'), fullPage: true });
  });
  test('an owner saves a custom dashboard in the editor (by keyboard) and sees it after a reload', async ({
    page,
  }) => {
    test.setTimeout(120_000);
    await signIn(page);
    const accountId = accountIdFrom(page.url());
    await page.goto(`/${accountId}/dashboards?range=7d`);
    await expect(page.getByTestId('dashboard-grid')).toBeVisible();

    await page.getByTestId('dashboard-new').click();
    const editor = page.getByTestId('dashboard-editor');
    await expect(editor).toBeVisible();
    const title = `E2E saved ${Date.now().toString(36)}`;
    await editor.getByTestId('editor-title').fill(title);
    const name = await editor.getByTestId('editor-name').inputValue();
    expect(name).toMatch(/^e2e-saved-/);
    // Two panels: the first offer (a panel of the default dashboard) and the palette's upstream health.
    await editor.getByTestId('editor-add').click();
    await editor.getByTestId('editor-palette').selectOption({ label: 'Upstream systems (Health)' });
    await editor.getByTestId('editor-add').press('Enter');
    await expect(editor.getByTestId('editor-panel')).toHaveCount(2);
    // Move the health panel right and up by keyboard, then make it wider.
    await editor.getByRole('button', { name: 'Move Upstream systems right' }).focus();
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await editor.getByRole('button', { name: 'Move Upstream systems up' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Space');
    await editor.getByLabel('Width of Upstream systems').fill('5');
    await expect(editor.getByLabel('Column of Upstream systems')).toHaveValue('3');
    await expect(editor.getByLabel('Row of Upstream systems')).toHaveValue('0');
    await editor.getByTestId('editor-visibility-shared').check();
    await page.screenshot({ path: artifact('dashboards-editor-1280.png'), fullPage: true });
    await page.setViewportSize({ width: 375, height: 812 });
    await page.screenshot({ path: artifact('dashboards-editor-375.png'), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
    await editor.getByTestId('editor-save').click();

    await expect(page).toHaveURL(new RegExp(`dashboard=${name}`));
    const grid = page.getByTestId('dashboard-grid');
    await expect(grid.locator('section[data-panel-type]')).toHaveCount(2);
    await expect(page.getByRole('heading', { name: title })).toBeVisible();

    await page.reload();
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
    await expect(grid.locator('section[data-state="ready"]')).toHaveCount(2, { timeout: 30_000 });
    await expect(page.getByTestId('dashboard-select')).toHaveValue(name);
    await expect(
      page.getByTestId('dashboard-select').locator('option', { hasText: `${title} (shared)` }),
    ).toHaveCount(1);
    const health = grid.locator('section[data-panel-type="health_status"]');
    const style = (await health.getAttribute('style'))?.replace(/\s/g, '');
    expect(style).toContain('--x:4;');
    expect(style).toContain('--w:5;');
    await page.screenshot({ path: artifact('dashboards-saved-1280.png'), fullPage: true });

    // Clean up: delete it (the default dashboard opens).
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('dashboard-delete').click();
    await expect(page.getByTestId('dashboard-select')).toHaveValue('default');
    await expect(page.getByTestId('dashboard-select').locator('option', { hasText: title })).toHaveCount(0);
  });
});
