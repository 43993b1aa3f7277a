// Shared parts of the realtime benchmarks: a private redis-server, BFF processes on one PostgreSQL and one Redis,
// socket.io clients spread over child processes (each holds its own sockets, so no process runs out of descriptors).
import { fork } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { BFF_PROCESS_ENV, localSecrets, processGroup, repoRoot, waitForHttp } from '../scripts/lib/stack.mjs';
import { login } from './lib.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));

/**
 * Starts sandbox, Redis and `bffPorts.length` BFF instances sharing an embedded PostgreSQL (its own process, data
 * in a temporary folder) and a private redis-server without persistence. Each BFF runs with the descriptor limit
 * raised to the hard limit (`ulimit -n`). With `realtimePort`, the BFFs run with `REALTIME_PROCESS=separate` and the
 * sockets go to one separate realtime process (`dist/realtime.js`, same descriptor limit) on that port.
 * @returns {Promise<{ bffUrls: string[], bffPids: number[], realtimeUrl?: string, realtimePid?: number, sandboxUrl: string, stop: () => Promise<void> }>}
 */
export async function realtimeStack({
  sandboxPort,
  bffPorts,
  postgresPort,
  redisPort,
  realtimePort,
  withSandbox = true,
}) {
  // PORTICO_BENCH_PORT_OFFSET moves every port (the redis-server's too), as for the other benchmarks.
  const offset = Number(process.env.PORTICO_BENCH_PORT_OFFSET ?? 0);
  sandboxPort += offset;
  postgresPort += offset;
  redisPort += offset;
  bffPorts = bffPorts.map((p) => p + offset);
  if (realtimePort !== undefined) realtimePort += offset;
  const procs = processGroup();
  // stdin kept open (embedded-pg.mjs stops when it closes); the last 200 chunks of output kept for failures.
  const spawnKept = (name, command, args, options) =>
    procs.spawn(name, command, args, { ...options, stdin: 'pipe', keep: 200 });
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portico-bench-pg-'));
  const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;
  const bffUrls = bffPorts.map((p) => `http://127.0.0.1:${p}`);
  const stop = async () => {
    await procs.stopAll();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    spawnKept('redis', 'redis-server', [
      '--port',
      String(redisPort),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ]);
    if (withSandbox) {
      const sandbox = spawnKept('sandbox', process.execPath, ['dist/main.js'], {
        cwd: path.join(repoRoot, 'apps/sandbox'),
        env: { ...process.env, SANDBOX_PORT: String(sandboxPort), SANDBOX_WEBHOOK_TARGET: bffUrls[0] },
      });
      await waitForHttp(`${sandboxUrl}/__admin/state`, 30_000, () => !sandbox.exited);
    }
    const base = {
      ...process.env,
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      PORTAL_ORIGIN: 'http://localhost:3000',
      WHMCS_API_URL: `${sandboxUrl}/includes/api.php`,
      SALESFORCE_LOGIN_URL: sandboxUrl,
      REDIS_URL: `redis://127.0.0.1:${redisPort}`,
      ...(realtimePort === undefined
        ? {}
        : { REALTIME_PROCESS: 'separate', REALTIME_PORT: String(realtimePort) }),
      ...localSecrets(),
    };
    // PostgreSQL in a process of its own, as in production: the BFFs' memory is their own.
    const pg = spawnKept(
      'postgres',
      process.execPath,
      [path.join(repoRoot, 'apps/bff/test/support/embedded-pg.mjs'), dataDir, String(postgresPort)],
      {
        cwd: path.join(repoRoot, 'apps/bff'),
      },
    );
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('embedded PostgreSQL did not start in 60 s')), 60_000);
      pg.child.stdout.on('data', (chunk) => {
        if (chunk.toString().includes('ready')) {
          clearTimeout(timer);
          resolve();
        }
      });
      pg.child.once('exit', () => reject(new Error('embedded PostgreSQL exited')));
    });
    const databaseUrl = `postgresql://postgres:portico-embedded@127.0.0.1:${postgresPort}/postgres`;
    const pids = [];
    for (const [i, port] of bffPorts.entries()) {
      // The first instance migrates and seeds; the others find the database ready.
      const env = {
        ...BFF_PROCESS_ENV,
        ...base,
        PORT: String(port),
        DATABASE_URL: databaseUrl,
        SEED_DEMO_DATA: i === 0 ? 'true' : 'false',
      };
      // `exec` keeps the pid: the RSS read from /proc is the BFF's own.
      const bff = spawnKept(
        `bff${i + 1}`,
        'sh',
        ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" dist/main.js', process.execPath],
        {
          cwd: path.join(repoRoot, 'apps/bff'),
          env,
        },
      );
      await waitForHttp(`${bffUrls[i]}/health/live`, 120_000, () => !bff.exited);
      pids.push(bff.child.pid);
    }
    if (realtimePort === undefined) return { bffUrls, bffPids: pids, sandboxUrl, stop };
    const realtime = spawnKept(
      'realtime',
      'sh',
      ['-c', 'ulimit -n "$(ulimit -Hn)" 2>/dev/null; exec "$0" dist/realtime.js', process.execPath],
      {
        cwd: path.join(repoRoot, 'apps/bff'),
        env: { ...BFF_PROCESS_ENV, ...base, DATABASE_URL: databaseUrl },
      },
    );
    const realtimeUrl = `http://127.0.0.1:${realtimePort}`;
    await waitForHttp(`${realtimeUrl}/health/live`, 60_000, () => !realtime.exited);
    return { bffUrls, bffPids: pids, realtimeUrl, realtimePid: realtime.child.pid, sandboxUrl, stop };
  } catch (error) {
    procs.dump();
    await stop();
    throw error;
  }
}

/** Resident set size of process `pid`, in bytes (from /proc). */
export function rssBytes(pid) {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : NaN;
}

/** Open file descriptors of process `pid` (sockets included). */
export function openDescriptors(pid) {
  return readdirSync(`/proc/${pid}/fd`).length;
}

/** Logs in on `bffUrl` and returns the `cookie` header and the id of the account named `accountName`. */
export async function sessionFor(bffUrl, email = 'owner@acme.example', accountName = 'Acme Hosting Ltd') {
  const { cookie, me } = await login(bffUrl, email);
  const accountId = me.memberships.find((m) => m.accountName === accountName)?.accountId;
  if (!accountId) throw new Error(`no membership of ${accountName}`);
  return { cookie, accountId };
}

/**
 * Forks `groups` client processes (realtime-clients-child.mjs); client `i` of the whole set connects to
 * `urls[i % urls.length]`. Resolves once every client is connected and joined.
 * @returns {Promise<{ children: import('node:child_process').ChildProcess[], connected: number, stop: () => void }>}
 */
export async function forkClients({ urls, count, groups, cookie, accountId, onMessage = () => undefined }) {
  const children = [];
  const ready = [];
  for (let g = 0; g < groups; g++) {
    const indexes = [];
    for (let i = g; i < count; i += groups) indexes.push(i);
    const child = fork(path.join(here, 'realtime-clients-child.mjs'), [], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    children.push(child);
    ready.push(
      new Promise((resolve, reject) => {
        child.on('message', (m) => {
          if (m.type === 'ready') resolve(m.connected);
          else if (m.type === 'error') reject(new Error(m.message));
          else onMessage(m, g);
        });
        child.once('exit', (code) => reject(new Error(`client process exited with ${code}`)));
      }),
    );
    child.send({ type: 'start', urls: indexes.map((i) => urls[i % urls.length]), cookie, accountId });
  }
  const connected = (await Promise.all(ready)).reduce((a, b) => a + b, 0);
  return {
    children,
    connected,
    stop: () => {
      for (const c of children) c.kill('SIGTERM');
    },
  };
}
