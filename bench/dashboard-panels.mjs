// Panel data latency under 10 concurrent users: every panel of Acme's default dashboard (11 panels: KPIs, timeseries,
// health, template, tables) read in turn by 10 concurrent clients for 10 s, with the per-account panel cache off
// (DASHBOARD_PANEL_CACHE_SECONDS=0, every read goes to the store and the read cache) and then on (30 s).
//   node bench/dashboard-panels.mjs     (or: pnpm --filter @portico/bench dashboard-panels)
// Starts its own stack on private ports (PORTICO_BENCH_PORT_OFFSET moves them). Prints requests, p50, p95, p99 per
// phase; goal from the dashboards issue: p95 <= 100 ms.
import { benchStack, login, ownerAccountId, percentile } from './lib.mjs';

const USERS = 10;
const SECONDS = 10;

async function phase(label, cacheSeconds) {
  const stack = await benchStack(
    { RATE_LIMIT_API_PER_MINUTE: '100000000', DASHBOARD_PANEL_CACHE_SECONDS: String(cacheSeconds) },
    { sandbox: 4140, bff: 4040, portal: 3040, postgres: 50049 },
  );
  try {
    const { cookie, me } = await login(stack.urls.bff);
    const accountId = ownerAccountId(me);
    const base = `${stack.urls.bff}/api/v1/accounts/${accountId}/dashboards/default`;
    const dashboard = await (await fetch(base, { headers: { cookie } })).json();
    const to = new Date(Math.ceil(Date.now() / 60_000) * 60_000);
    const range = `from=${new Date(to.getTime() - 7 * 86_400_000).toISOString()}&to=${to.toISOString()}`;
    const urls = dashboard.panels.map((p) => `${base}/panels/${p.id}/data?${range}`);
    // Warm-up: one read of each panel (connection pools, JIT, upstream read cache).
    for (const url of urls) await (await fetch(url, { headers: { cookie } })).arrayBuffer();
    const times = [];
    const deadline = performance.now() + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: USERS }, async (_, user) => {
        for (let i = user; performance.now() < deadline; i++) {
          const t0 = performance.now();
          const res = await fetch(urls[i % urls.length], { headers: { cookie } });
          await res.arrayBuffer();
          if (!res.ok) throw new Error(`${urls[i % urls.length]}: HTTP ${res.status}`);
          times.push(performance.now() - t0);
        }
      }),
    );
    times.sort((a, b) => a - b);
    console.log(
      `  ${label.padEnd(34)} ${String(times.length).padStart(6)} reads  p50 ${percentile(times, 50).toFixed(1)} ms  p95 ${percentile(times, 95).toFixed(1)} ms  p99 ${percentile(times, 99).toFixed(1)} ms`,
    );
  } finally {
    await stack.stop();
  }
}

console.log(`\nPanel data, ${USERS} concurrent users, ${SECONDS} s, Acme's default dashboard (7-day range)`);
await phase('panel cache off (every read)', 0);
await phase('panel cache on (30 s)', 30);
