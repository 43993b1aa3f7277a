import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { eventually } from '../support/eventually';
import { Client } from 'pg';
import { findRepoRoot } from '../../src/core/config/env';
import { embeddedPostgresUrl } from '../../src/core/database/embedded-postgres.server';
import {
  locateBinaries,
  PortInUseError,
  startPostgresCluster,
} from '../../src/core/database/postgres-cluster';
import { freePort } from '../support/free-port';
import { TEST_ENV } from '../support/test-state';

/**
 * A newcomer's first run: `node apps/bff/dist/main.js` (what `pnpm start` runs) from a checkout in a private folder
 * (mode 0700, as a container's /root) as root; a data folder left by another PostgreSQL major version; a taken port.
 */
describe('first run (integration)', () => {
  const repo = findRepoRoot(__dirname);
  const cleanup: string[] = [];
  afterAll(() => {
    for (const dir of cleanup) rmSync(dir, { recursive: true, force: true });
  });

  /** Runs the BFF from `checkout` until /health/live answers; returns the process and its output so far. */
  async function startBff(
    checkout: string,
    env: Record<string, string>,
  ): Promise<{ child: ChildProcess; output: () => string }> {
    const child = spawn(process.execPath, ['dist/main.js'], {
      cwd: path.join(checkout, 'apps/bff'),
      env: {
        PATH: process.env.PATH ?? '',
        NODE_ENV: 'development',
        LOG_LEVEL: 'info',
        HOST: '127.0.0.1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    const state = await eventually(
      async () => {
        if (child.exitCode !== null) return 'exited';
        expect((await fetch(`http://127.0.0.1:${env.PORT}/health/live`)).ok).toBe(true);
        return 'live';
      },
      { timeoutMs: 150_000, intervalMs: 250 },
    ).catch(() => 'late');
    if (state === 'exited') throw new Error(`the BFF exited with ${child.exitCode}:\n${out.slice(-3000)}`);
    if (state === 'late') throw new Error(`the BFF was not ready in 150 s:\n${out.slice(-3000)}`);
    return { child, output: () => out };
  }

  async function stopBff(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }

  // Root only (CI runs as root); once per test run (not again in the Redis pass, which changes nothing here).
  (process.getuid?.() === 0 && !process.env.REDIS_URL ? it : it.skip)(
    'starts, migrates and seeds the embedded database as root from a checkout in a 0700 folder, and again after a restart',
    async () => {
      // The checkout's built files, hard-linked (no copy of the bytes) into a private home: a clone after install and build.
      const home = mkdtempSync(path.join(os.tmpdir(), 'portico-root-home-'));
      cleanup.push(home);
      chmodSync(home, 0o700);
      const checkout = path.join(home, 'portico');
      mkdirSync(checkout);
      for (const file of ['package.json', 'pnpm-workspace.yaml'])
        copyFileSync(path.join(repo, file), path.join(checkout, file));
      const link = (rel: string): void => {
        mkdirSync(path.dirname(path.join(checkout, rel)), { recursive: true });
        const result = spawnSync('cp', ['-al', path.join(repo, rel), path.join(checkout, rel)]);
        if (result.status !== 0) throw new Error(`cp -al ${rel}: ${result.stderr.toString()}`);
      };
      for (const rel of [
        'node_modules',
        'apps/bff/node_modules',
        'apps/bff/dist',
        'apps/bff/prisma',
        'apps/bff/package.json',
        'packages/domain/dist',
        'packages/domain/package.json',
        'packages/domain/node_modules',
        'config',
      ]) {
        if (existsSync(path.join(repo, rel))) link(rel);
      }
      const runtime = mkdtempSync(path.join(os.tmpdir(), 'portico-runtime-'));
      cleanup.push(runtime);
      chmodSync(runtime, 0o755);
      const env = {
        PORT: String(await freePort()),
        EMBEDDED_PG_PORT: String(await freePort()),
        EMBEDDED_PG_RUNTIME_DIR: runtime,
      };

      const started = Date.now();
      const first = await startBff(checkout, env);
      const firstMs = Date.now() - started;
      await stopBff(first.child);
      expect(first.output()).toMatch(/Seeded demo data/);
      // The data lives where the postgres user can reach it; .data/postgres points there.
      const dataLink = path.join(checkout, '.data/postgres');
      expect(lstatSync(dataLink).isSymbolicLink()).toBe(true);
      expect(realpathSync(dataLink).startsWith(realpathSync(runtime))).toBe(true);
      expect(readdirSync(runtime).some((d) => d.startsWith('postgresql-'))).toBe(true);

      const again = await startBff(checkout, env);
      await stopBff(again.child);
      expect(again.output()).toMatch(/Demo data not seeded: accounts exist/);
      // Not a timing assertion: the figure is printed for the record.
      process.stdout.write(`first run as root in a 0700 folder: ready in ${firstMs} ms\n`);
    },
    400_000,
  );

  it('moves aside a data folder of another PostgreSQL major version and starts a fresh cluster', async () => {
    const base = mkdtempSync(path.join(os.tmpdir(), 'portico-old-data-'));
    cleanup.push(base);
    chmodSync(base, 0o755);
    const dataDir = path.join(base, 'postgres');
    mkdirSync(dataDir);
    writeFileSync(path.join(dataDir, 'PG_VERSION'), '16\n');
    writeFileSync(path.join(dataDir, 'keep-me'), 'old data');
    const port = await freePort();
    const logs: string[] = [];
    const cluster = await startPostgresCluster({
      dataDir,
      port,
      user: 'postgres',
      password: 'portico-embedded',
      log: (m) => logs.push(m),
    });
    try {
      const client = new Client({ connectionString: embeddedPostgresUrl(port, 'postgres') });
      await client.connect();
      const { rows } = await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
      await client.end();
      expect(Math.floor(Number(rows[0]?.v) / 10000)).toBe(locateBinaries().major);
    } finally {
      await cluster.stop();
    }
    const aside = readdirSync(base).find((d) => d.startsWith('postgres-pg16-'));
    expect(aside).toBeDefined();
    expect(existsSync(path.join(base, aside ?? '', 'keep-me'))).toBe(true);
    expect(logs.join('\n')).toMatch(/PostgreSQL 16 data/);
  });

  it('names the taken port and the variable that moves it', async () => {
    const port = await freePort();
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen(port, '127.0.0.1', () => resolve()));
    try {
      const dataDir = path.join(mkdtempSync(path.join(os.tmpdir(), 'portico-port-')), 'postgres');
      cleanup.push(path.dirname(dataDir));
      const attempt = startPostgresCluster({ dataDir, port, user: 'postgres', password: 'x' });
      await expect(attempt).rejects.toBeInstanceOf(PortInUseError);
      await expect(attempt).rejects.toThrow(
        `Port ${port} is already in use by another program. Stop that program, or set EMBEDDED_PG_PORT to a free port`,
      );

      // The BFF's own port: a clear message, no stack trace.
      const bff = spawnSync(process.execPath, ['dist/main.js'], {
        cwd: path.join(repo, 'apps/bff'),
        env: {
          PATH: process.env.PATH ?? '',
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: process.env[TEST_ENV.databaseUrl] ?? '',
          LOG_LEVEL: 'silent',
          RECONCILIATION_INTERVAL_MS: '0',
        },
        timeout: 120_000,
      });
      expect(bff.status).toBe(1);
      expect(bff.stderr.toString()).toContain(
        `Port ${port} is already in use by another program. Stop that program, or set PORT to a free port`,
      );
      expect(bff.stderr.toString()).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });
});
