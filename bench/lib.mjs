// Shared helpers of the benchmarks: a private stack on its own ports and a logged-in cookie.
import { chromium } from 'playwright-core';
import { startThrowawayStack } from '../scripts/lib/stack.mjs';

/** Added to every port, so two checkouts can run benchmarks side by side (`PORTICO_BENCH_PORT_OFFSET`). */
const PORT_OFFSET = Number(process.env.PORTICO_BENCH_PORT_OFFSET ?? 0);

/**
 * Starts sandbox + BFF + portal on private ports (each moved by {@link PORT_OFFSET}) with a throw-away embedded PostgreSQL.
 * @param {Record<string, string>} env extra environment (e.g. STATUS_CACHE_TTL_MS)
 * @param {{ sandbox: number, bff: number, portal: number, postgres: number }} ports before the offset
 */
export function benchStack(env = {}, ports = { sandbox: 4120, bff: 4020, portal: 3020, postgres: 50029 }) {
  const moved = Object.fromEntries(Object.entries(ports).map(([name, port]) => [name, port + PORT_OFFSET]));
  const portVariables = Object.fromEntries(
    ['sandbox', 'smtp', 'bff', 'portal'].map((role) => [role, 'PORTICO_BENCH_PORT_OFFSET']),
  );
  return startThrowawayStack({ ports: moved, postgresPort: moved.postgres, env, portVariables });
}

/** Logs in; returns the `cookie` header value and the answer (`Me`: the user and their memberships). */
export async function login(bffUrl, email = 'owner@acme.example', password = 'portico-demo-password') {
  const res = await fetch(`${bffUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`login failed: HTTP ${res.status}`);
  const me = await res.json();
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { cookie, me };
}

/** Id of the account where the `me` of {@link login} holds the owner role. */
export function ownerAccountId(me) {
  return me.memberships.find((m) => m.role === 'owner').accountId;
}

/**
 * Requests `url` `n` times one after another (body read, non-2xx throws).
 * @returns {Promise<number[]>} the durations, ms, sorted ascending
 */
export async function sequentialTimes(url, headers, n) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const res = await fetch(url, { headers });
    await res.arrayBuffer();
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

/** Percentile of a sorted array of numbers. */
export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

/**
 * The scripts a page transfers when `navigate()` loads it with the browser cache disabled: each with its compressed
 * size on the wire (bytes), its content encoding and whether it was requested after the page's load event. The
 * page's cache stays disabled afterwards, so later loads of it are fresh too.
 * @param {import('playwright-core').Page} page
 * @param {() => Promise<unknown>} navigate loads the page (e.g. `() => page.reload({ waitUntil: 'networkidle' })`)
 * @returns {Promise<Array<{ url: string, bytes: number, encoding: string, afterLoad: boolean }>>}
 */
export async function scriptsTransferred(page, navigate) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const scripts = new Map();
  let loaded = false;
  cdp.on('Network.responseReceived', (e) => {
    if (e.type === 'Script')
      scripts.set(e.requestId, {
        url: e.response.url,
        encoding: e.response.headers['content-encoding'] ?? e.response.headers['Content-Encoding'] ?? 'none',
        afterLoad: loaded,
        bytes: 0,
      });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const script = scripts.get(e.requestId);
    if (script) script.bytes = e.encodedDataLength;
  });
  page.once('load', () => {
    loaded = true;
  });
  await navigate();
  return [...scripts.values()];
}

/** Prints each script of {@link scriptsTransferred} with its size in KiB, marked when requested after load. */
export function listScripts(scripts) {
  for (const s of scripts)
    console.log(
      `  ${(s.bytes / 1024).toFixed(1).padStart(7)} KiB  ${s.afterLoad ? '(after load) ' : ''}${new URL(s.url).pathname}`,
    );
}

/** Chromium headless with the machine's flags (`CHROMIUM_PATH`, default `/usr/bin/chromium`). */
export function launchChromium() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Signs the demo owner in on the portal's login page in `page` and waits for the dashboard. */
export async function signInInBrowser(
  page,
  portalUrl,
  email = 'owner@acme.example',
  password = 'portico-demo-password',
) {
  await page.goto(`${portalUrl}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(/\/dashboard$/);
}
