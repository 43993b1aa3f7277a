// usage-ingest: sustained ingestion through POST /api/v1/usage/samples on one BFF with the embedded defaults
// (embedded PostgreSQL 18, no Redis): samples per second over the run, none lost (stored = acknowledged = sent),
// rollups holding every acknowledged sample whenever probed (they are written in the same transaction), and the
// BFF's memory over the run.
//
//   node bench/usage-ingest.mjs [--seconds=120] [--clients=4] [--batch=5000] [--format=json|ndjson] [--ids]
//
// Samples are distinct by instant (idempotency on account, metric, service, instant); `--ids` gives each a
// client id as well (idempotency on the id: one more index write per sample).
//
// Goal: >= 20,000 samples/s, rollups current within 5 s, memory flat over 2 minutes. Needs `pnpm build`.
import { randomBytes } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import { login } from './lib.mjs';
import { loadAverage, pg, rssMb, usageStack } from './usage-lib.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const SECONDS = Number(args.seconds ?? 120);
const CLIENTS = Number(args.clients ?? 4);
const BATCH = Number(args.batch ?? 5000);
const FORMAT = args.format ?? 'json';
const IDS = 'ids' in args;
const ports = { sandbox: 4170, bff: 4070, postgres: 50079 };
const ACME = '5b1f0c3e-0000-4000-8000-000000000001';
const SERVICES = ['101', '102', '103'];

console.log(
  `usage-ingest: ${CLIENTS} clients x batches of ${BATCH} (${FORMAT}${IDS ? ', client ids' : ''}) for ${SECONDS} s; machine load average ${loadAverage()} (2 shared cores)`,
);
const stack = await usageStack({ kind: 'embedded' }, ports);
const db = new pg.Client({ connectionString: stack.databaseUrl });
await db.connect();
await db.query("SELECT set_config('app.scope', 'system', false)");
try {
  // A key for Acme, made through the admin API as an operator would.
  const { cookie } = await login(stack.bffUrl, 'admin@portico.example');
  const csrf = /portico_csrf=([^;]+)/.exec(cookie)?.[1] ?? '';
  const created = await fetch(`${stack.bffUrl}/api/v1/admin/api-keys`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', 'x-csrf-token': csrf },
    body: JSON.stringify({ name: `bench ${randomBytes(3).toString('hex')}`, accountId: ACME }),
  });
  if (created.status !== 201)
    throw new Error(`key not created: HTTP ${created.status} ${await created.text()}`);
  const { secret } = await created.json();

  // Counted from a fixed instant (the first sample's), so the window does not move during the run.
  const since = new Date(Math.floor((Date.now() - 23 * 3_600_000) / 3_600_000) * 3_600_000);
  const count = async () => {
    const { rows } = await db.query(
      `SELECT (SELECT count(*) FROM usage_samples WHERE account_id = $1 AND metric = 'api_requests' AND at >= $2)::bigint AS samples,
              (SELECT coalesce(sum(count), 0) FROM usage_rollups_1h WHERE account_id = $1 AND metric = 'api_requests' AND bucket_start >= $2)::bigint AS hourly`,
      [ACME, since],
    );
    return { samples: Number(rows[0].samples), hourly: Number(rows[0].hourly) };
  };
  const baseline = await count();

  // Every sample distinct: its own millisecond within the last day (within raw retention, not in the future), never
  // on a whole minute (where the demo history has its samples).
  const start = since.getTime();
  let sequence = 0;
  const makeBatch = () => {
    const samples = [];
    for (let i = 0; i < BATCH; i += 1) {
      const n = sequence++;
      const sample = {
        metric: 'api_requests',
        service: SERVICES[n % SERVICES.length],
        at: new Date(start + 1 + n + Math.floor(n / 59_999)).toISOString(),
        value: 1,
      };
      samples.push(IDS ? { ...sample, id: `b${n}` } : sample);
    }
    return FORMAT === 'ndjson'
      ? samples.map((s) => JSON.stringify(s)).join('\n')
      : JSON.stringify({ samples });
  };

  let sent = 0;
  let acknowledged = 0;
  let failed = 0;
  const latencies = [];
  const deadline = Date.now() + SECONDS * 1000;
  const client = async () => {
    while (Date.now() < deadline) {
      const body = makeBatch();
      sent += BATCH;
      const t0 = performance.now();
      const res = await fetch(`${stack.bffUrl}/api/v1/usage/samples`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${secret}`,
          'content-type': FORMAT === 'ndjson' ? 'application/x-ndjson' : 'application/json',
        },
        body,
      });
      const result = await res.json();
      latencies.push(performance.now() - t0);
      if (res.status !== 200 || result.accepted !== BATCH) {
        failed += 1;
        console.log(`  batch not fully accepted: HTTP ${res.status} ${JSON.stringify(result).slice(0, 200)}`);
      } else acknowledged += result.accepted;
    }
  };

  // Probes every 5 s: memory, and whether the rollups hold every sample acknowledged before the probe.
  const probes = [];
  let running = true;
  const t0 = Date.now();
  const probe = (async () => {
    while (running) {
      await delay(5000);
      const ackedBefore = acknowledged;
      const c = await count();
      probes.push({
        t: Math.round((Date.now() - t0) / 1000),
        rss: rssMb(stack.bffPid),
        ackedBefore,
        rollups: c.hourly - baseline.hourly,
        load: loadAverage(),
      });
    }
  })();
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const elapsed = (Date.now() - t0) / 1000;
  running = false;
  await probe;
  const final = await count();
  const stored = final.samples - baseline.samples;
  const inRollups = final.hourly - baseline.hourly;

  const sorted = [...latencies].sort((a, b) => a - b);
  const p = (q) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)].toFixed(0);
  console.log(
    `\n  ${acknowledged.toLocaleString('en-US')} samples acknowledged in ${elapsed.toFixed(1)} s: ${Math.round(acknowledged / elapsed).toLocaleString('en-US')} samples/s`,
  );
  console.log(
    `  batch latency p50 ${p(0.5)} ms, p95 ${p(0.95)} ms, max ${sorted.at(-1).toFixed(0)} ms; ${failed} batches not fully accepted`,
  );
  console.log(
    `  sent ${sent.toLocaleString('en-US')}, acknowledged ${acknowledged.toLocaleString('en-US')}, stored ${stored.toLocaleString('en-US')}, in the hourly rollups ${inRollups.toLocaleString('en-US')}: ${stored === acknowledged && inRollups === acknowledged && sent === acknowledged ? 'none lost' : 'MISMATCH'}`,
  );
  const behind = probes.filter((x) => x.rollups < x.ackedBefore);
  console.log(
    `  rollups at ${probes.length} probes (every 5 s) held every sample acknowledged before the probe: ${behind.length === 0 ? 'yes (lag 0 s: same transaction)' : `no, ${behind.length} probes behind`}`,
  );
  const rss = probes.map((x) => x.rss);
  const q = Math.max(1, Math.floor(rss.length / 4));
  const avg = (xs) => xs.reduce((a, b) => a + b, 0) / xs.length;
  console.log(`  BFF RSS MB every 5 s: ${rss.map((r) => r.toFixed(0)).join(' ')}`);
  console.log(
    `  RSS first quarter avg ${avg(rss.slice(0, q)).toFixed(0)} MB, last quarter avg ${avg(rss.slice(-q)).toFixed(0)} MB (${(((avg(rss.slice(-q)) - avg(rss.slice(0, q))) / avg(rss.slice(0, q))) * 100).toFixed(1)} %)`,
  );
  console.log(`  load average during the run: ${probes.map((x) => x.load.split(' ')[0]).join(' ')}`);
} finally {
  await db.end();
  await stack.stop();
}
