// Status endpoint cold (every block read from the upstreams) with sandbox latency: WHMCS 150 ms, Salesforce 300 ms.
//   node bench/status-cold.mjs     (or: pnpm --filter @portico/bench status-cold)
// Starts its own stacks on private ports (PORTICO_BENCH_PORT_OFFSET shifts them): one with the block cache off
// (STATUS_CACHE_TTL_MS=0), so each request reads every upstream, then one with the default cache settings for the
// concurrent cold reads (those arriving after the first loads ended are served from the cache, as in production).
// Prints, measured in the same run:
//  - the slowest upstream alone: a Salesforce SOQL query straight to the sandbox (p50 of 20);
//  - the status endpoint cold, sequential (p50/p95 of 20, after the first request that also fetches the
//    Salesforce token), as a ratio of the slowest upstream (goal <= 1.2x);
//  - 100 concurrent cold reads of one account never read before: upstream calls per resource, counted by the
//    sandbox (goal: 1 per resource).
import { benchStack, login, percentile } from './lib.mjs';

const WHMCS_LATENCY_MS = 150;
const SALESFORCE_LATENCY_MS = 300;
const N = 20;

const timed = async (fn) => {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
};
const stats = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted[sorted.length - 1] };
};
const ms = (v) => `${v.toFixed(0).padStart(4)} ms`;

/** Starts a stack with the sandbox latencies; runs `fn(ctx)`; stops it. */
async function withStack(env, fn) {
  const stack = await benchStack(env);
  try {
    const sandbox = stack.urls.sandbox;
    const admin = (method, path, body) =>
      fetch(`${sandbox}/__admin/${path}`, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      }).then(async (r) => {
        if (!r.ok) throw new Error(`${method} /__admin/${path}: HTTP ${r.status}`);
        return r.status === 204 ? null : r.json();
      });
    await admin('POST', 'faults', { upstream: 'whmcs', mode: 'latency', latencyMs: WHMCS_LATENCY_MS });
    await admin('POST', 'faults', {
      upstream: 'salesforce',
      mode: 'latency',
      latencyMs: SALESFORCE_LATENCY_MS,
    });
    const { cookie, me } = await login(stack.urls.bff);
    const accountIds = Object.fromEntries(me.memberships.map((m) => [m.accountName, m.accountId]));
    const status = async (accountId) => {
      const r = await fetch(`${stack.urls.bff}/api/v1/accounts/${accountId}/status`, { headers: { cookie } });
      const doc = await r.json();
      if (!r.ok) throw new Error(`status HTTP ${r.status}`);
      const down = Object.entries(doc)
        .filter(([, v]) => v?.meta?.unavailable)
        .map(([k]) => k);
      if (down.length > 0) throw new Error(`blocks unavailable: ${down.join(', ')}`);
      return doc;
    };
    return await fn({ sandbox, admin, status, accountIds });
  } finally {
    await stack.stop();
  }
}

const sequential = await withStack(
  { STATUS_CACHE_TTL_MS: '0', RATE_LIMIT_API_PER_MINUTE: '100000000' },
  async ({ sandbox, status, accountIds }) => {
    // The slowest upstream on its own: one SOQL query (token fetched first, untimed).
    const tokenRes = await fetch(`${sandbox}/services/oauth2/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&client_id=portico-sandbox-client-id&client_secret=portico-sandbox-client-secret',
    });
    const { access_token: token } = await tokenRes.json();
    const soql = encodeURIComponent(
      "SELECT Id, Subject FROM Case WHERE AccountId = '001A0000001AcmeAAA' AND IsClosed = false",
    );
    const direct = [];
    for (let i = 0; i < N; i += 1) {
      direct.push(
        await timed(async () => {
          const r = await fetch(`${sandbox}/services/data/v62.0/query?q=${soql}`, {
            headers: { authorization: `Bearer ${token}` },
          });
          await r.arrayBuffer();
        }),
      );
    }
    const acme = accountIds['Acme Hosting Ltd'];
    const first = await timed(() => status(acme));
    const cold = [];
    for (let i = 0; i < N; i += 1) cold.push(await timed(() => status(acme)));
    return { slowest: stats(direct), first, cold: stats(cold) };
  },
);

const burst = await withStack(
  { RATE_LIMIT_API_PER_MINUTE: '100000000' },
  async ({ admin, status, accountIds }) => {
    await admin('DELETE', 'calls');
    const times = await Promise.all(
      Array.from({ length: 100 }, () => timed(() => status(accountIds['Globex Corporation']))),
    );
    return { times: stats(times), calls: await admin('GET', 'calls') };
  },
);

const { slowest, first, cold: c } = sequential;
const { calls, times: b } = burst;
console.log(
  `\nCold status with sandbox latency WHMCS ${WHMCS_LATENCY_MS} ms, Salesforce ${SALESFORCE_LATENCY_MS} ms`,
);
console.log(`  slowest upstream alone (Salesforce query):   p50 ${ms(slowest.p50)}  p95 ${ms(slowest.p95)}`);
console.log(
  `  status, first request (+ Salesforce token):       ${ms(first)}  (${(first / slowest.p50).toFixed(2)}x)`,
);
console.log(`  status cold (cache off), sequential (${N}):    p50 ${ms(c.p50)}  p95 ${ms(c.p95)}`);
console.log(
  `  ratio to the slowest upstream:               p50 ${(c.p50 / slowest.p50).toFixed(2)}x  p95 ${(c.p95 / slowest.p50).toFixed(2)}x  (goal <= 1.2x) ${c.p50 / slowest.p50 <= 1.2 ? 'OK' : 'MISSED'}`,
);
console.log(
  `  100 concurrent cold reads of one account (default cache, fresh BFF): p50 ${ms(b.p50)}  max ${ms(b.max)}`,
);
console.log('  upstream calls for those 100 reads (sandbox counters):');
for (const [upstream, counts] of Object.entries({ whmcs: calls.whmcs, salesforce: calls.salesforce })) {
  for (const [name, n] of Object.entries(counts))
    console.log(`    ${upstream.padEnd(10)} ${name.padEnd(20)} ${n}`);
}
const perResource = {
  GetClientsDetails: 1,
  GetClientsProducts: 1,
  GetInvoices: 2,
  'query Account': 1,
  'query Case': 1,
};
const ok = Object.entries(perResource).every(
  ([name, n]) => (calls.whmcs[name] ?? calls.salesforce[name]) === n,
);
console.log(
  `  one call per resource (GetInvoices: 2 resources, the open and the recent invoices): ${ok ? 'OK' : 'MISSED'}`,
);
