// Status endpoint, cached, against the same server's /health/live: throughput and p99 ratios measured in one run.
//   node bench/status-cached.mjs     (or: pnpm --filter @portico/bench status-cached)
// Starts its own stack on private ports (PORTICO_BENCH_PORT_OFFSET shifts them) with LOG_LEVEL=info, as in
// production: /health/live is not logged, every status request is. After a warm-up (the blocks and the membership
// are cached), autocannon runs /health/live and the status endpoint alternately, ROUNDS times each, with
// CONNECTIONS connections for DURATION seconds. Each round's pair runs back to back, so each round gives one ratio
// under the same machine load; the figures are the medians over the rounds (the machine may be shared).
// Goals: status throughput >= 0.80x /health/live, status p99 <= 1.5x /health/live p99.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { benchStack, login, ownerAccountId } from './lib.mjs';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_DURATION ?? 4);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);

/** Pid of the process listening on `port` (the BFF), from `ss`. */
function listenerPid(port) {
  const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8' });
  const match = /pid=(\d+)/.exec(out);
  if (!match) throw new Error(`no process listens on ${port}`);
  return Number(match[1]);
}

/** CPU time (user + system) used so far by `pid`, ms, from /proc/<pid>/stat. */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime
  return (ticks * 1000) / 100; // USER_HZ = 100 on Linux
}

/** Runs a load and returns it with the BFF's CPU time per request, µs: independent of what else runs. */
async function loadWithCpu(pid, url, headers) {
  const before = cpuMs(pid);
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers });
  const used = cpuMs(pid) - before;
  const total = result.requests.total;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
    cpuUsPerRequest: (used * 1000) / total,
  };
}

const median = (xs) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// The per-user API rate limit would cut a load test from one user short: lifted here, it is not what is measured.
const stack = await benchStack({ LOG_LEVEL: 'info', RATE_LIMIT_API_PER_MINUTE: '100000000' });
try {
  const { cookie, me } = await login(stack.urls.bff);
  const statusUrl = `${stack.urls.bff}/api/v1/accounts/${ownerAccountId(me)}/status`;
  const liveUrl = `${stack.urls.bff}/health/live`;

  const first = await fetch(statusUrl, { headers: { cookie } });
  const doc = await first.json();
  const unavailable = Object.entries(doc)
    .filter(([, v]) => v?.meta?.unavailable)
    .map(([k]) => k);
  if (!first.ok || unavailable.length > 0)
    throw new Error(`status not ready: HTTP ${first.status}, unavailable ${unavailable}`);
  const pid = listenerPid(new URL(stack.urls.bff).port);
  // Warm-up: JIT, connections, caches.
  await loadWithCpu(pid, liveUrl, {});
  await loadWithCpu(pid, statusUrl, { cookie });

  const live = [];
  const status = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    live.push(await loadWithCpu(pid, liveUrl, {}));
    status.push(await loadWithCpu(pid, statusUrl, { cookie }));
  }
  const agg = (runs) => ({
    rps: median(runs.map((r) => r.rps)),
    p50: median(runs.map((r) => r.p50)),
    p99: median(runs.map((r) => r.p99)),
    non2xx: runs.reduce((a, r) => a + r.non2xx + r.errors, 0),
    cpu: median(runs.map((r) => r.cpuUsPerRequest)),
  });
  const l = agg(live);
  const s = agg(status);
  const rpsRatios = status.map((r, i) => r.rps / live[i].rps);
  const p99Ratios = status.map((r, i) => r.p99 / live[i].p99);
  const rpsRatio = median(rpsRatios);
  const p99Ratio = median(p99Ratios);
  const line = (name, r) =>
    `  ${name.padEnd(34)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50.toFixed(1).padStart(5)} ms   p99 ${r.p99.toFixed(1).padStart(5)} ms   BFF CPU ${r.cpu.toFixed(0).padStart(4)} µs/request   non-2xx/errors ${r.non2xx}`;
  console.log(
    `\nCached status vs /health/live, same server (${CONNECTIONS} connections, ${ROUNDS} rounds of ${DURATION} s each, LOG_LEVEL=info; medians)`,
  );
  console.log(line('GET /health/live', l));
  console.log(line('GET /api/v1/accounts/:id/status', s));
  console.log(`  per-round throughput ratios: ${rpsRatios.map((r) => r.toFixed(2)).join(' ')}`);
  console.log(
    `  throughput ratio ${rpsRatio.toFixed(2)}x (goal >= 0.80x) ${rpsRatio >= 0.8 ? 'OK' : 'MISSED'}`,
  );
  console.log(
    `  p99 ratio        ${p99Ratio.toFixed(2)}x (goal <= 1.5x)  ${p99Ratio <= 1.5 ? 'OK' : 'MISSED'}`,
  );
  // Load-independent view: with the BFF's core saturated, throughput is the inverse of CPU per request.
  console.log(
    `  BFF CPU per request: /health/live ${l.cpu.toFixed(0)} µs, status ${s.cpu.toFixed(0)} µs -> capacity ratio ${(l.cpu / s.cpu).toFixed(2)}x`,
  );
} finally {
  await stack.stop();
}
