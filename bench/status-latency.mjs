// Status endpoint latency, warm (cached) and cold (every request goes to WHMCS and Salesforce).
//   node bench/status-latency.mjs     (or: pnpm --filter @portico/bench status)
// Starts its own stack on private ports. Warm: autocannon, 10 connections for 10 s. Cold: 50 sequential requests
// with the block cache TTL at 1 ms, so each one reads every upstream.
import autocannon from 'autocannon';
import { benchStack, login, ownerAccountId, percentile, sequentialTimes } from './lib.mjs';

async function measure(env, fn) {
  const stack = await benchStack(env);
  try {
    const { cookie, me } = await login(stack.urls.bff);
    const url = `${stack.urls.bff}/api/v1/accounts/${ownerAccountId(me)}/status`;
    return await fn(url, cookie);
  } finally {
    await stack.stop();
  }
}

/** p50 and p95 of `n` sequential requests, after `warmUp` untimed ones (JIT and connection warm-up). */
const sequentialLatency = async (url, cookie, warmUp, n) => {
  await sequentialTimes(url, { cookie }, warmUp);
  const times = await sequentialTimes(url, { cookie }, n);
  return { p50: percentile(times, 50), p95: percentile(times, 95) };
};

const cold = await measure({ STATUS_CACHE_TTL_MS: '1' }, (url, cookie) =>
  sequentialLatency(url, cookie, 5, 50),
);

const warm = await measure({}, async (url, cookie) => {
  const latency = await sequentialLatency(url, cookie, 20, 200);
  const result = await autocannon({ url, connections: 10, duration: 10, headers: { cookie } });
  return {
    ...latency,
    loadRps: result.requests.average,
    loadP50: result.latency.p50,
    loadP97_5: result.latency.p97_5,
    loadP99: result.latency.p99,
    non2xx: result.non2xx,
  };
});

const ms = (v) => `${v.toFixed(1)} ms`;
console.log('\nGET /api/v1/accounts/:accountId/status');
console.log(`  cold (sequential, every block read upstream): p50 ${ms(cold.p50)}  p95 ${ms(cold.p95)}`);
console.log(`  warm (sequential, cached):                    p50 ${ms(warm.p50)}  p95 ${ms(warm.p95)}`);
console.log(
  `  warm under load (10 connections, 10 s):       ${warm.loadRps.toFixed(0)} req/s, p50 ${warm.loadP50} ms, p97.5 ${warm.loadP97_5} ms, p99 ${warm.loadP99} ms, non-2xx ${warm.non2xx}`,
);
