// Status endpoint, cached, against the same server's /health/live: throughput and p99 ratios measured in one run.
//   node bench/status-cached.mjs     (or: pnpm --filter @portico/bench status-cached)
// Starts its own stack on private ports (PORTICO_BENCH_PORT_OFFSET shifts them) with LOG_LEVEL=info, as in
// production: /health/live is not logged, every status request is. After a warm-up (the blocks and the membership
// are cached), autocannon runs /health/live and the status endpoint alternately, ROUNDS times each, with
// CONNECTIONS connections for DURATION seconds; the ratios compare the averages.
// Goals: status throughput >= 0.60x /health/live, status p99 <= 3x /health/live p99.
import autocannon from 'autocannon';
import { benchStack, login } from './lib.mjs';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);

const load = (url, headers = {}) =>
  autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers }).then((r) => ({
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
  }));

const mean = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;

const stack = await benchStack({ LOG_LEVEL: 'info' });
try {
  const { cookie, me } = await login(stack.urls.bff);
  const accountId = me.memberships.find((m) => m.role === 'owner').accountId;
  const statusUrl = `${stack.urls.bff}/api/v1/accounts/${accountId}/status`;
  const liveUrl = `${stack.urls.bff}/health/live`;

  const first = await fetch(statusUrl, { headers: { cookie } });
  const doc = await first.json();
  const unavailable = Object.entries(doc).filter(([, v]) => v?.meta?.unavailable).map(([k]) => k);
  if (!first.ok || unavailable.length > 0) throw new Error(`status not ready: HTTP ${first.status}, unavailable ${unavailable}`);
  // Warm-up: JIT, connections, caches.
  await load(liveUrl);
  await load(statusUrl, { cookie });

  const live = [];
  const status = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    live.push(await load(liveUrl));
    status.push(await load(statusUrl, { cookie }));
  }
  const agg = (runs) => ({
    rps: mean(runs.map((r) => r.rps)),
    p50: mean(runs.map((r) => r.p50)),
    p99: mean(runs.map((r) => r.p99)),
    non2xx: runs.reduce((a, r) => a + r.non2xx + r.errors, 0),
  });
  const l = agg(live);
  const s = agg(status);
  const rpsRatio = s.rps / l.rps;
  const p99Ratio = s.p99 / l.p99;
  const line = (name, r) =>
    `  ${name.padEnd(34)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(1).padStart(5)} ms   p99 ${r.p99.toFixed(1).padStart(5)} ms   non-2xx/errors ${r.non2xx}`;
  console.log(`\nCached status vs /health/live, same server (${CONNECTIONS} connections, ${ROUNDS} x ${DURATION} s each, LOG_LEVEL=info)`);
  console.log(line('GET /health/live', l));
  console.log(line('GET /api/v1/accounts/:id/status', s));
  console.log(`  throughput ratio ${rpsRatio.toFixed(2)}x (goal >= 0.60x) ${rpsRatio >= 0.6 ? 'OK' : 'MISSED'}`);
  console.log(`  p99 ratio        ${p99Ratio.toFixed(2)}x (goal <= 3x)    ${p99Ratio <= 3 ? 'OK' : 'MISSED'}`);
} finally {
  await stack.stop();
}
