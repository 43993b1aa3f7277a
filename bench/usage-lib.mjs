// Shared parts of the usage benchmarks: PostgreSQL (embedded 18 in its own process, or a server's database), the
// sandbox and one BFF on private ports, without the portal.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { processGroup, repoRoot, waitForHttp } from '../scripts/lib/stack.mjs';

/** Added to every port (`PORTICO_BENCH_PORT_OFFSET`). */
export const PORT_OFFSET = Number(process.env.PORTICO_BENCH_PORT_OFFSET ?? 0);

/** `pg` from the BFF's dependencies. */
export const pg = createRequire(path.join(repoRoot, 'apps/bff/package.json'))('pg');

/** `postgresql://...` with its database replaced. */
export function withDatabase(url, database) {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * Starts PostgreSQL (`target.kind` 'embedded': a fresh embedded server, PostgreSQL 18, data in a temporary folder;
 * 'server': database `target.database` dropped and created again on `target.url`), then the sandbox and one BFF
 * (NODE_ENV development, demo data seeded, `env` added) on `ports` (moved by PORTICO_BENCH_PORT_OFFSET).
 * @returns {Promise<{ databaseUrl: string, bffUrl: string, sandboxUrl: string, bffPid: number, stop: () => Promise<void> }>}
 */
export async function usageStack(target, ports, env = {}) {
  const procs = processGroup();
  const at = (p) => p + PORT_OFFSET;
  let databaseUrl;
  let dataDir = null;
  const cleanups = [];
  const stop = async () => {
    await procs.stopAll();
    for (const fn of cleanups.reverse()) await fn().catch(() => undefined);
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    if (target.kind === 'embedded') {
      dataDir = mkdtempSync(path.join(os.tmpdir(), 'portico-bench-usage-pg-'));
      const pgProc = procs.spawn(
        'postgres',
        process.execPath,
        [path.join(repoRoot, 'apps/bff/test/support/embedded-pg.mjs'), dataDir, String(at(ports.postgres))],
        {
          cwd: path.join(repoRoot, 'apps/bff'),
          stdin: 'pipe',
          keep: 200,
        },
      );
      await new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error('embedded PostgreSQL did not start in 90 s')),
          90_000,
        );
        pgProc.child.stdout.on('data', (chunk) => {
          if (chunk.toString().includes('ready')) {
            clearTimeout(timer);
            resolve();
          }
        });
      });
      databaseUrl = `postgresql://postgres:portico-embedded@127.0.0.1:${at(ports.postgres)}/portico_bench_usage`;
      const admin = new pg.Client({ connectionString: withDatabase(databaseUrl, 'postgres') });
      await admin.connect();
      await admin.query('CREATE DATABASE portico_bench_usage');
      await admin.end();
    } else {
      databaseUrl = withDatabase(target.url, target.database);
      const admin = new pg.Client({ connectionString: withDatabase(target.url, 'postgres') });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${target.database} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${target.database}`);
      await admin.end();
      cleanups.push(async () => {
        const c = new pg.Client({ connectionString: withDatabase(target.url, 'postgres') });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS ${target.database} WITH (FORCE)`);
        await c.end();
      });
    }
    const sandboxUrl = `http://127.0.0.1:${at(ports.sandbox)}`;
    const bffUrl = `http://127.0.0.1:${at(ports.bff)}`;
    const sandbox = procs.spawn('sandbox', process.execPath, ['dist/main.js'], {
      cwd: path.join(repoRoot, 'apps/sandbox'),
      env: {
        ...process.env,
        SANDBOX_PORT: String(at(ports.sandbox)),
        SANDBOX_SMTP_PORT: String(at(ports.sandbox) + 25),
        SANDBOX_WEBHOOK_TARGET: bffUrl,
      },
      keep: 200,
    });
    await waitForHttp(`${sandboxUrl}/__admin/state`, 30_000, () => !sandbox.exited);
    // Development mode: the application role keeps the development password every local stack and test run uses
    // (the role is shared by every database of a server).
    const bffEnv = {
      ...process.env,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      PORT: String(at(ports.bff)),
      DATABASE_URL: databaseUrl,
      DATABASE_APP_PASSWORD: '',
      DATABASE_APP_URL: '',
      REDIS_URL: '',
      SEED_DEMO_DATA: 'true',
      WHMCS_API_URL: `${sandboxUrl}/includes/api.php`,
      SALESFORCE_LOGIN_URL: sandboxUrl,
      SMTP_URL: `smtp://127.0.0.1:${at(ports.sandbox) + 25}`,
      RECONCILIATION_INTERVAL_MS: '0',
      USAGE_SYNC_INTERVAL_MS: '0',
      RATE_LIMIT_API_PER_MINUTE: '1000000',
      USAGE_INGEST_RATE_LIMIT_PER_MINUTE: '1000000',
      ...env,
    };
    const bff = procs.spawn('bff', process.execPath, ['dist/main.js'], {
      cwd: path.join(repoRoot, 'apps/bff'),
      env: bffEnv,
      keep: 200,
    });
    await waitForHttp(`${bffUrl}/health/live`, 300_000, () => !bff.exited);
    return { databaseUrl, bffUrl, sandboxUrl, bffPid: bff.child.pid, stop };
  } catch (error) {
    procs.dump?.();
    await stop();
    throw error;
  }
}

/** Resident memory of a process, MB (Linux /proc). */
export function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

/** The machine's load averages (1, 5, 15 min), for the record. */
export function loadAverage() {
  return os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}
