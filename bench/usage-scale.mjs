// usage-scale: 10,000,000 one-minute samples for one account, then chart reads through the HTTP API against a naive
// GROUP BY over the raw samples, and the rollup maintenance of one ingested minute; on the embedded PostgreSQL 18
// and on a PostgreSQL server (default the machine's 15 at postgresql://postgres@127.0.0.1:5432).
//
//   node bench/usage-scale.mjs [--samples=10000000] [--reads=100] [--targets=embedded,server] [--server=<url>]
//
// Layout: 5 services x 2 metrics (disk, a gauge; api_requests, a counter) x samples/10 consecutive minutes ending
// now (10M: 1,000,000 minutes, about 694 days), generated in SQL with their rollups and series registry (as the
// ingestion would have left them). Prints p50/p95 of each read, the naive query's p50, their ratio (goal >= 20x,
// p95 <= 50 ms), and per-minute append times (goal <= 5 ms). Needs `pnpm build`.
import path from 'node:path';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { repoRoot } from '../scripts/lib/stack.mjs';
import { login, percentile } from './lib.mjs';
import { loadAverage, pg, usageStack } from './usage-lib.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const SAMPLES = Number(args.samples ?? 10_000_000);
const READS = Number(args.reads ?? 100);
const TARGETS = (args.targets ?? 'embedded,server').split(',');
const SERVER = args.server ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
const SERVICES = ['bench-1', 'bench-2', 'bench-3', 'bench-4', 'bench-5'];
const METRICS = ['disk', 'api_requests'];
const MINUTES = Math.floor(SAMPLES / (SERVICES.length * METRICS.length));
const DAY = 86_400_000;
const ports = { sandbox: 4160, bff: 4060, postgres: 50069 };

const fmt = (ms) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
const stats = (times) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
};

/** Writes the account, its services, the samples, the rollups and the series registry; returns the account id. */
async function generate(db, end) {
  const account = randomUUID();
  await db.query("SELECT set_config('app.scope', 'system', false)");
  await db.query("INSERT INTO accounts (id, name) VALUES ($1, 'Usage scale bench')", [account]);
  await db.query(
    `INSERT INTO memberships (id, user_id, account_id, role) SELECT gen_random_uuid(), id, $1, 'owner' FROM users WHERE email = 'owner@acme.example'`,
    [account],
  );
  for (const s of SERVICES) {
    await db.query(
      "INSERT INTO usage_services (account_id, service_id, name, status, limits) VALUES ($1, $2, $2, 'active', '{\"disklimit\": 107374182400}')",
      [account, s],
    );
  }
  const start = new Date(end.getTime() - MINUTES * 60_000);
  const t0 = performance.now();
  for (const metric of METRICS) {
    await db.query(
      `INSERT INTO usage_samples (account_id, metric, service_id, at, value)
       SELECT $1::uuid, $2, s, $3::timestamptz + make_interval(mins => i),
              CASE WHEN $2 = 'disk' THEN 1e10 + i * 1000.0 + (i % 97) * 1e6 ELSE (i % 113) * 10.0 END
       FROM unnest($4::text[]) AS s, generate_series(0, $5::int - 1) AS i`,
      [account, metric, start.toISOString(), SERVICES, MINUTES],
    );
  }
  const tInsert = performance.now() - t0;
  // Rollups as the ingestion maintains them: 10-minute from raw, then 1-hour from 10-minute, 1-day from 1-hour.
  const rollup = (table, width, from, src) =>
    db.query(
      `INSERT INTO ${table} (account_id, metric, service_id, bucket_start, count, sum, min, max, last, last_at)
       SELECT account_id, metric, service_id, date_bin($2::interval, ${src.at}, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS b,
              ${src.count}, ${src.sum}, min(${src.min}), max(${src.max}), (array_agg(${src.last} ORDER BY ${src.lastAt} DESC))[1], max(${src.lastAt})
       FROM ${from} WHERE account_id = $1 GROUP BY account_id, metric, service_id, b`,
      [account, width],
    );
  await rollup('usage_rollups_10m', '10 minutes', 'usage_samples', {
    at: 'at',
    count: 'count(*)',
    sum: 'sum(value)',
    min: 'value',
    max: 'value',
    last: 'value',
    lastAt: 'at',
  });
  await rollup('usage_rollups_1h', '1 hour', 'usage_rollups_10m', {
    at: 'bucket_start',
    count: 'sum(count)',
    sum: 'sum(sum)',
    min: 'min',
    max: 'max',
    last: 'last',
    lastAt: 'last_at',
  });
  await rollup('usage_rollups_1d', '1 day', 'usage_rollups_1h', {
    at: 'bucket_start',
    count: 'sum(count)',
    sum: 'sum(sum)',
    min: 'min',
    max: 'max',
    last: 'last',
    lastAt: 'last_at',
  });
  await db.query(
    `INSERT INTO usage_series (account_id, metric, service_id, first_at, last_at, last_value)
     SELECT account_id, metric, service_id, min(bucket_start), max(last_at), (array_agg(last ORDER BY last_at DESC))[1]
     FROM usage_rollups_1d WHERE account_id = $1 GROUP BY account_id, metric, service_id`,
    [account],
  );
  for (const t of [
    'usage_samples',
    'usage_rollups_10m',
    'usage_rollups_1h',
    'usage_rollups_1d',
    'usage_series',
  ])
    await db.query(`ANALYZE ${t}`);
  const tAll = performance.now() - t0;
  const { rows } = await db.query('SELECT count(*)::bigint AS n FROM usage_samples WHERE account_id = $1', [
    account,
  ]);
  console.log(
    `  generated ${Number(rows[0].n).toLocaleString('en-US')} samples in ${(tInsert / 1000).toFixed(0)} s, rollups and registry in ${((tAll - tInsert) / 1000).toFixed(0)} s`,
  );
  return account;
}

async function httpReads(bffUrl, cookie, account, query) {
  const url = `${bffUrl}/api/v1/accounts/${account}/usage?${new URLSearchParams(query)}`;
  for (let i = 0; i < 10; i += 1) await (await fetch(url, { headers: { cookie } })).arrayBuffer();
  const times = [];
  let points = 0;
  for (let i = 0; i < READS; i += 1) {
    const t0 = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    const body = await res.json();
    times.push(performance.now() - t0);
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    points = body.points.length;
  }
  return { ...stats(times), points };
}

/** The store's own hourly read (rollups, account + metric + services in the predicate), straight on PostgreSQL. */
async function rollupSql(db, account, service, from, to) {
  const ids = service
    ? '$4::text[]'
    : "ARRAY(SELECT service_id FROM usage_series WHERE account_id = $1 AND metric = 'disk')";
  const sql = `SELECT bucket_start, sum(sum / count), sum(min), sum(max) FROM usage_rollups_1h
               WHERE account_id = $1 AND metric = 'disk' AND service_id = ANY(${ids}) AND bucket_start >= $2 AND bucket_start < $3
               GROUP BY 1 ORDER BY 1`;
  const params = [account, from, to, ...(service ? [[service]] : [])];
  await db.query(sql, params);
  const times = [];
  for (let i = 0; i < 21; i += 1) {
    const t0 = performance.now();
    await db.query(sql, params);
    times.push(performance.now() - t0);
  }
  return stats(times);
}

async function naive(db, account, service, from, to) {
  const sql = `SELECT date_trunc('hour', at) AS h, avg(value), min(value), max(value) FROM usage_samples
               WHERE account_id = $1 AND metric = 'disk' ${service ? 'AND service_id = $4' : ''} AND at >= $2 AND at < $3 GROUP BY 1 ORDER BY 1`;
  const params = [account, from, to, ...(service ? [service] : [])];
  await db.query(sql, params);
  const times = [];
  for (let i = 0; i < 7; i += 1) {
    const t0 = performance.now();
    await db.query(sql, params);
    times.push(performance.now() - t0);
  }
  return stats(times);
}

/** Appends one sample per minute after the series' end through the BFF's own store, vs a plain INSERT of one row. */
async function appendTimes(databaseUrl, account, end) {
  const require = createRequire(path.join(repoRoot, 'apps/bff/package.json'));
  const dist = (p) => require(path.join(repoRoot, 'apps/bff/dist', p));
  const { loadEnv } = dist('core/config/env.js');
  const { PrismaService } = dist('core/prisma/prisma.service.js');
  const { DbContext } = dist('core/prisma/db-context.js');
  const { PostgresUsageStore } = dist('modules/usage/store/postgres-usage-store.adapter.js');
  const env = loadEnv({ DATABASE_URL: databaseUrl });
  const prisma = new PrismaService(env);
  const store = new PostgresUsageStore(prisma, env);
  const append = [];
  const plain = [];
  try {
    for (let i = 1; i <= 320; i += 1) {
      const at = new Date(end.getTime() + i * 1000);
      const t0 = performance.now();
      await DbContext.runWithAccount(account, () =>
        store.append([
          { accountId: account, metric: 'disk', service: 'bench-1', at, value: 1e10, sampleId: null },
        ]),
      );
      if (i > 20) append.push(performance.now() - t0);
      const t1 = performance.now();
      await DbContext.runWithAccount(
        account,
        async () =>
          prisma.$executeRaw`INSERT INTO usage_samples (account_id, metric, service_id, at, value) VALUES (${account}::uuid, 'disk', 'bench-2', ${at}, 1)`,
      );
      if (i > 20) plain.push(performance.now() - t1);
    }
  } finally {
    await prisma.onModuleDestroy();
  }
  return { append: stats(append), plain: stats(plain) };
}

async function runTarget(name, target) {
  console.log(`\n== ${name} ==  (load average ${loadAverage()})`);
  const stack = await usageStack(target, ports, {
    USAGE_RETENTION_RAW_DAYS: String(Math.ceil(MINUTES / 1440) + 10),
    USAGE_RETENTION_10M_DAYS: '0',
  });
  const db = new pg.Client({ connectionString: stack.databaseUrl });
  await db.connect();
  try {
    const { rows } = await db.query('SHOW server_version');
    console.log(`  PostgreSQL ${rows[0].server_version}`);
    const end = new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
    const account = await generate(db, end);
    const { cookie } = await login(stack.bffUrl);
    console.log(
      `  reads (${READS} sequential HTTP requests each, after 10 warm-up; load average ${loadAverage()}):`,
    );
    for (const days of [30, 90]) {
      const from = new Date(end.getTime() - days * DAY).toISOString();
      const to = end.toISOString();
      for (const service of ['bench-1', null]) {
        const read = await httpReads(stack.bffUrl, cookie, account, {
          metric: 'disk',
          from,
          to,
          ...(service ? { service } : {}),
        });
        const fast = await rollupSql(db, account, service, from, to);
        const slow = await naive(db, account, service, from, to);
        console.log(
          `    ${days} d ${service ? 'one service ' : 'all services'}: HTTP chart p50 ${fmt(read.p50)} p95 ${fmt(read.p95)} (${read.points} points) | ` +
            `SQL: rollup read p50 ${fmt(fast.p50)}, naive GROUP BY date_trunc p50 ${fmt(slow.p50)} | naive / HTTP chart ${(slow.p50 / read.p50).toFixed(0)}x, naive / rollup SQL ${(slow.p50 / fast.p50).toFixed(0)}x`,
        );
      }
    }
    const t = await appendTimes(stack.databaseUrl, account, end);
    console.log(
      `  one ingested minute of one series (300 appends): with rollups p50 ${fmt(t.append.p50)} p95 ${fmt(t.append.p95)} | plain INSERT p50 ${fmt(t.plain.p50)} p95 ${fmt(t.plain.p95)} | rollup share p50 ${fmt(Math.max(0, t.append.p50 - t.plain.p50))}`,
    );
    console.log(`  (load average ${loadAverage()})`);
  } finally {
    await db.end();
    await stack.stop();
  }
}

console.log(
  `usage-scale: ${SAMPLES.toLocaleString('en-US')} samples (${SERVICES.length} services x ${METRICS.length} metrics x ${MINUTES.toLocaleString('en-US')} minutes); machine load average ${loadAverage()} (2 shared cores)`,
);
for (const name of TARGETS) {
  if (name === 'embedded') await runTarget('embedded PostgreSQL', { kind: 'embedded' });
  else if (name === 'server')
    await runTarget(`server ${new URL(SERVER).host}`, {
      kind: 'server',
      url: SERVER,
      database: 'portico_bench_usage',
    });
}
