// JavaScript the portal's dashboard transfers (compressed bytes on the wire) and its Largest Contentful Paint,
// measured in Chromium on the production build.
//   node bench/portal-js.mjs [--list] [--views=7]
// - JS: a fresh load of the dashboard with the cache disabled, signed in. "first load" counts the scripts fetched
//   until the load event (what the first paint waits for); "total" everything until the network is idle (chunks
//   loaded after the first paint, such as the realtime client, included).
// - LCP: "first view" is the first full page load of the dashboard after the stack starts (signing in reached it by
//   a client-side navigation); then --views more fresh views (cache disabled): LCP and time to first byte, medians.
//   Goals: first-load JS <= 140 kB gzip, LCP median <= 500 ms, first view <= 1.0 s.
import { benchStack, launchChromium, listScripts, scriptsTransferred, signInInBrowser } from './lib.mjs';

const VIEWS = Number(process.argv.find((a) => a.startsWith('--views='))?.split('=')[1] ?? 7);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

const stack = await benchStack({}, { sandbox: 4140, bff: 4040, portal: 3040, postgres: 50049 });
const browser = await launchChromium();

/** LCP (ms from navigation start) and time to first byte of the page in `page`, once the page is idle. */
async function paintTimes(page) {
  return page.evaluate(
    () =>
      new Promise((resolve) => {
        let lcp = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries()) lcp = Math.max(lcp, entry.startTime);
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        const nav = performance.getEntriesByType('navigation')[0];
        setTimeout(() => resolve({ lcp, ttfb: nav ? nav.responseStart : 0 }), 200);
      }),
  );
}

try {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInInBrowser(page, stack.urls.portal);
  const dashboardUrl = page.url();
  // The first full page load of the dashboard after start (signing in reached it by a client-side navigation).
  const firstPage = await context.newPage();
  await firstPage.goto(dashboardUrl, { waitUntil: 'networkidle' });
  const first = await paintTimes(firstPage);
  await firstPage.close();

  // A fresh load of the dashboard with an empty cache.
  const scripts = await scriptsTransferred(page, () => page.reload({ waitUntil: 'networkidle' }));
  const total = scripts.reduce((sum, s) => sum + s.bytes, 0);
  const firstLoad = scripts.filter((s) => !s.afterLoad).reduce((sum, s) => sum + s.bytes, 0);
  const encodings = new Set(scripts.map((s) => s.encoding));
  if (process.argv.includes('--list')) listScripts(scripts);
  console.log(
    `\nportal dashboard: ${scripts.length} scripts, ${(total / 1024).toFixed(1)} KiB transferred by network idle, ` +
      `${(firstLoad / 1024).toFixed(1)} KiB (${(firstLoad / 1000).toFixed(1)} kB) by the load event (content-encoding: ${[...encodings].join(', ')})`,
  );

  const views = [];
  for (let i = 0; i < VIEWS; i += 1) {
    await page.goto(dashboardUrl, { waitUntil: 'networkidle' });
    views.push(await paintTimes(page));
  }
  console.log(
    `LCP: first view after start ${first.lcp.toFixed(0)} ms (TTFB ${first.ttfb.toFixed(0)} ms)   (goal <= 1000 ms)`,
  );
  console.log(
    `LCP: median of ${VIEWS} fresh views ${median(views.map((v) => v.lcp)).toFixed(0)} ms ` +
      `(TTFB median ${median(views.map((v) => v.ttfb)).toFixed(0)} ms; all: ${views.map((v) => v.lcp.toFixed(0)).join(' ')})   (goal <= 500 ms)`,
  );
} finally {
  await browser.close();
  await stack.stop();
}
