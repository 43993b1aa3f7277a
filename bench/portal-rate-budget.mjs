// The portal's own busiest normal use against the BFF's per-user API limit (RATE_LIMIT_API_PER_MINUTE, 100/min).
//   node bench/portal-rate-budget.mjs [--minutes=3] [--pause-ms=1000]
// A Chromium user signs in and works through the portal as fast as a person plausibly clicks (one action every
// --pause-ms): dashboard, every usage range and metric, billing tabs and an invoice, support tabs and a case, the
// account switcher (and back), the security page, and a full reload of the dashboard each round. Two figures:
//  - browser: BFF requests the browser made (/api/v1/* through the portal), peak count in any sliding 60 s window;
//  - BFF: the user's own counter as the BFF keeps it (also counting the portal server's prefetches on the user's
//    behalf), read from the `RateLimit: "api";r=<remaining>` header, peak used in one fixed 60 s window.
// The stack runs with a limit far above both, so nothing is refused while measuring.
import { benchStack, launchChromium, signInInBrowser } from './lib.mjs';

const arg = (name, def) => Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? def);
const minutes = arg('minutes', 3);
const pauseMs = arg('pause-ms', 1000);
const LIMIT_FOR_MEASURING = 100_000;

const stack = await benchStack(
  { RATE_LIMIT_API_PER_MINUTE: String(LIMIT_FOR_MEASURING) },
  { sandbox: 4160, bff: 4060, portal: 3060, postgres: 50069 },
);
const browser = await launchChromium();
const requests = []; // ms timestamps of browser -> /api/v1 requests
let peakBffUsed = 0;
let actions = 0;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/api/v1/')) requests.push(Date.now());
  });
  page.on('response', async (r) => {
    const header = (await r.allHeaders())['ratelimit'];
    const remaining = header ? Number(/r=(\d+)/.exec(header)?.[1]) : NaN;
    if (Number.isFinite(remaining)) peakBffUsed = Math.max(peakBffUsed, LIMIT_FOR_MEASURING - remaining);
  });
  const pause = () => page.waitForTimeout(pauseMs);
  const act = async (fn) => {
    await fn();
    actions += 1;
    await pause();
  };

  await signInInBrowser(page, stack.urls.portal);
  const acme = new URL(page.url()).pathname.split('/')[1];
  const tab = (name) =>
    act(async () => {
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name }).click();
      await page.waitForLoadState('networkidle');
    });
  const radio = (group, name) =>
    act(() => page.getByRole('radiogroup', { name: group }).getByRole('radio', { name }).click());

  const deadline = Date.now() + minutes * 60_000;
  while (Date.now() < deadline) {
    await tab('Dashboard');
    await act(() => page.reload({ waitUntil: 'networkidle' }));
    await tab('Usage');
    for (const range of ['24 h', '7 d', '30 d', '90 d']) await radio('Time range', range);
    for (const metric of await page
      .getByLabel('Metric')
      .locator('option')
      .evaluateAll((os) => os.map((o) => o.value))) {
      await act(() => page.getByLabel('Metric').selectOption(metric));
      for (const range of ['24 h', '7 d']) await radio('Time range', range);
    }
    await radio('View', 'Table');
    await radio('View', 'Chart');
    await tab('Billing');
    for (const status of await page
      .getByRole('radiogroup', { name: 'Invoice status' })
      .getByRole('radio')
      .allInnerTexts())
      await radio('Invoice status', status);
    await act(async () => {
      const first = page.getByTestId('invoice-table').locator('tbody a').first();
      if (await first.count()) {
        await first.click();
        await page.waitForLoadState('networkidle');
        await page.goBack();
      }
    });
    await tab('Support');
    for (const state of await page
      .getByRole('radiogroup', { name: 'Case state' })
      .getByRole('radio')
      .allInnerTexts())
      await radio('Case state', state);
    await act(async () => {
      const first = page.locator('table tbody a').first();
      if (await first.count()) {
        await first.click();
        await page.waitForLoadState('networkidle');
        await page.goBack();
      }
    });
    await tab('Settings');
    await act(async () => {
      const switcher = page.getByTestId('account-switcher');
      if (await switcher.count()) {
        const options = await switcher.locator('option').evaluateAll((os) => os.map((o) => o.value));
        const other = options.find((v) => v !== acme);
        if (other) {
          await switcher.selectOption(other);
          await page.waitForLoadState('networkidle');
          await switcher.selectOption(acme);
          await page.waitForLoadState('networkidle');
        }
      }
    });
  }
} finally {
  await browser.close();
  await stack.stop();
}

let peakBrowser = 0;
for (let i = 0, j = 0; j < requests.length; j++) {
  while (requests[j] - requests[i] >= 60_000) i++;
  peakBrowser = Math.max(peakBrowser, j - i + 1);
}
const spanMin = requests.length > 1 ? (requests[requests.length - 1] - requests[0]) / 60_000 : 0;
console.log(
  `\nportal busiest normal use: ${actions} actions in ${minutes} min (one every ${pauseMs} ms), ${requests.length} BFF requests from the browser`,
);
console.log(
  `  browser -> BFF: peak ${peakBrowser} requests in any 60 s (mean ${(requests.length / Math.max(spanMin, 1e-9)).toFixed(0)}/min)`,
);
console.log(`  BFF per-user counter (incl. server-side prefetches): peak ${peakBffUsed} in one 60 s window`);
console.log(
  `  per-user limit: 100/min (RATE_LIMIT_API_PER_MINUTE default) -> headroom ${100 - Math.max(peakBrowser, peakBffUsed)}`,
);
