// JavaScript the portal's dashboard transfers (compressed bytes on the wire), measured in Chromium.
//   node bench/portal-js.mjs
import { chromium } from 'playwright-core';
import { benchStack } from './lib.mjs';

const stack = await benchStack({}, { sandbox: 4140, bff: 4040, portal: 3040, postgres: 50049 });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  await page.goto(`${stack.urls.portal}/login`);
  await page.getByLabel(/email/i).fill('owner@acme.example');
  await page.getByLabel(/password/i).fill('portico-demo-password');
  await page.getByRole('button', { name: /sign in|log in/i }).click();
  await page.waitForURL(/dashboard/);
  // Measure a fresh load of the dashboard with an empty cache.
  const context = page.context();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const scripts = new Map();
  cdp.on('Network.responseReceived', (e) => { if (e.type === 'Script') scripts.set(e.requestId, { url: e.response.url, encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? 'none' }); });
  const sizes = new Map();
  cdp.on('Network.loadingFinished', (e) => { if (scripts.has(e.requestId)) sizes.set(e.requestId, e.encodedDataLength); });
  await page.reload({ waitUntil: 'networkidle' });
  let total = 0;
  const encodings = new Set();
  for (const [id, info] of scripts) { total += sizes.get(id) ?? 0; encodings.add(info.encoding); }
  if (process.argv.includes("--list")) for (const [id, info] of scripts) console.log(`  ${((sizes.get(id) ?? 0) / 1024).toFixed(1).padStart(7)} KiB  ${new URL(info.url).pathname}`);
  console.log(`\nportal dashboard: ${scripts.size} scripts, ${(total / 1024).toFixed(1)} KiB transferred (content-encoding: ${[...encodings].join(', ')})`);
} finally {
  await browser.close();
  await stack.stop();
}
