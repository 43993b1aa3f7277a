// Latency of the hot account-scoped routes, sequential and warm: the figures to compare before/after a change to the
// request path (e.g. row-level security: one extra database round trip per connection checkout).
//   node bench/route-latency.mjs     (or: pnpm --filter @portico/bench routes)
// Starts its own stack on private ports (PORTICO_BENCH_PORT_OFFSET moves them). For each route: 30 untimed requests, then
// 300 timed sequential ones; prints p50 and p95. The status document is served from its block cache (warm).
import { benchStack, login, ownerAccountId, percentile, sequentialTimes } from './lib.mjs';

// The per-user API rate limit (100/min) would refuse most of the 990 requests: lifted, it is not what is measured.
const stack = await benchStack(
  { RATE_LIMIT_API_PER_MINUTE: '100000000' },
  { sandbox: 4130, bff: 4030, portal: 3030, postgres: 50039 },
);
try {
  const { cookie, me } = await login(stack.urls.bff);
  const accountId = ownerAccountId(me);
  const base = `${stack.urls.bff}/api/v1/accounts/${accountId}`;
  const now = Date.now();
  const routes = {
    'GET .../status (warm)': `${base}/status`,
    'GET .../invoices': `${base}/invoices`,
    'GET .../usage (24 h, 1m buckets from samples)': `${base}/usage?metric=bandwidth&from=${new Date(now - 86_400_000).toISOString()}&to=${new Date(now).toISOString()}`,
  };
  console.log(`\nSequential latency, ${accountId}`);
  for (const [name, url] of Object.entries(routes)) {
    await sequentialTimes(url, { cookie }, 30);
    const times = await sequentialTimes(url, { cookie }, 300);
    console.log(
      `  ${name.padEnd(48)} p50 ${percentile(times, 50).toFixed(2)} ms  p95 ${percentile(times, 95).toFixed(2)} ms`,
    );
  }
} finally {
  await stack.stop();
}
