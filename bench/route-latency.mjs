// Latency of the hot account-scoped routes, sequential and warm: the figures to compare before/after a change to the
// request path (e.g. row-level security: one extra database round trip per connection checkout).
//   node bench/route-latency.mjs     (or: pnpm --filter @portico/bench routes)
// Starts its own stack on private ports (BENCH_PORT_OFFSET moves them). For each route: 30 untimed requests, then
// 300 timed sequential ones; prints p50 and p95. The status document is served from its block cache (warm).
import { benchStack, login, percentile } from './lib.mjs';

const offset = Number(process.env.BENCH_PORT_OFFSET ?? 0);
const stack = await benchStack({}, { sandbox: 4130 + offset, bff: 4030 + offset, portal: 3030 + offset, postgres: 50039 + offset });
try {
  const { cookie, me } = await login(stack.urls.bff);
  const accountId = me.memberships.find((m) => m.role === 'owner').accountId;
  const base = `${stack.urls.bff}/api/v1/accounts/${accountId}`;
  const now = Date.now();
  const routes = {
    'GET .../status (warm)': `${base}/status`,
    'GET .../invoices': `${base}/invoices`,
    'GET .../usage (24 h, 1m buckets from samples)': `${base}/usage?metric=bandwidth&from=${new Date(now - 86_400_000).toISOString()}&to=${new Date(now).toISOString()}`,
  };
  console.log(`\nSequential latency, ${accountId}`);
  for (const [name, url] of Object.entries(routes)) {
    const times = [];
    for (let i = 0; i < 330; i++) {
      const t0 = performance.now();
      const res = await fetch(url, { headers: { cookie } });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`${name}: HTTP ${res.status}`);
      if (i >= 30) times.push(performance.now() - t0);
    }
    times.sort((a, b) => a - b);
    console.log(`  ${name.padEnd(48)} p50 ${percentile(times, 50).toFixed(2)} ms  p95 ${percentile(times, 95).toFixed(2)} ms`);
  }
} finally {
  await stack.stop();
}
