// Starts and stops Portico's three processes (sandbox, BFF, portal) for `pnpm start`, the end-to-end tests and
// the benchmarks. Only Node.js built-ins: this runs before anything else is known to work.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as delay } from 'node:timers/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Files whose absence means a package has not been built. */
export const buildArtifacts = [
  'packages/domain/dist/index.cjs',
  'apps/sandbox/dist/main.js',
  'apps/bff/dist/main.js',
  'apps/bff/dist/worker.js',
  'apps/bff/dist/realtime.js',
  'apps/portal/.next/BUILD_ID',
];

/** @returns {string[]} the build artifacts that are missing */
export function missingArtifacts() {
  return buildArtifacts.filter((file) => !existsSync(path.join(repoRoot, file)));
}

/**
 * Secrets of a local installation (JWT signing keys, the CSRF key, the TOTP encryption key), made once with a CSPRNG and kept in `.data/local-secrets.json`
 * (git-ignored, mode 0600) so sessions survive restarts. Variables already set in the environment win.
 * @returns {Record<string, string>}
 */
export function localSecrets() {
  const file = path.join(repoRoot, '.data', 'local-secrets.json');
  const makers = {
    JWT_ACCESS_SECRET: () => randomBytes(32).toString('base64url'),
    JWT_REFRESH_SECRET: () => randomBytes(32).toString('base64url'),
    CSRF_SECRET: () => randomBytes(32).toString('base64url'),
    MFA_ENCRYPTION_KEY: () => randomBytes(32).toString('base64url'),
    // Seals the client secrets of account identity providers (required in production mode).
    IDENTITY_PROVIDER_SECRET_KEY: () => randomBytes(32).toString('base64url'),
    // The app role's password (row-level security): required in production mode whenever DATABASE_URL is set.
    DATABASE_APP_PASSWORD: () => randomBytes(24).toString('base64url'),
    // Client secret of Portico at the sandbox's OpenID provider (both sides get it: see startStack).
    OIDC_CLIENT_SECRET: () => randomBytes(24).toString('base64url'),
  };
  const secrets = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const missing = Object.keys(makers).filter((name) => !secrets[name]);
  if (missing.length > 0) {
    // Secrets added by a newer version are made on first start; existing ones are kept (sessions survive).
    for (const name of missing) secrets[name] = makers[name]();
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  const result = {};
  for (const [name, value] of Object.entries(secrets)) result[name] = process.env[name] || value;
  return result;
}

/**
 * Runs pnpm with `args`: through the pnpm that launched this script when there is one (`npm_execpath`), so it works
 * when pnpm came from `npx` and is not on PATH; else the `pnpm` on PATH.
 */
export function runPnpm(args, options = {}) {
  const execPath = process.env.npm_execpath;
  if (execPath && /pnpm/.test(path.basename(execPath)) && /\.c?js$/.test(execPath)) {
    return run(process.execPath, [execPath, ...args], options);
  }
  return run('pnpm', args, options);
}

/**
 * Runs a command to completion, inheriting stdio.
 * @returns {Promise<void>} rejects with the exit code when it fails
 */
export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: repoRoot, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code ?? signal}`)),
    );
  });
}

/**
 * Polls a URL until it answers 2xx.
 * @param {string} url
 * @param {number} timeoutMs
 * @param {() => boolean} [isAlive] stops early when the process behind the URL died
 */
export async function waitForHttp(url, timeoutMs, isAlive = () => true) {
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no answer';
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error(`process behind ${url} exited before it was ready`);
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    await delay(250);
  }
  throw new Error(`${url} not ready within ${timeoutMs} ms (${lastError})`);
}

/**
 * Child processes started each in its own process group and stopped together, the last started first: SIGTERM to
 * the group, SIGKILL after 15 s.
 */
export function processGroup() {
  const started = [];
  return {
    /**
     * Spawns `command` detached (its own process group).
     * @param {object} [options] `child_process.spawn` options, plus:
     * @param {boolean} [options.quiet] pipe stdout/stderr and keep the last `keep` chunks for `dump` (default true); false inherits them
     * @param {'ignore' | 'pipe'} [options.stdin] 'pipe' keeps stdin open (embedded-pg.mjs stops when it closes); default 'ignore'
     * @param {number} [options.keep] chunks of output kept (default 400)
     * @returns {{ name: string, child: import('node:child_process').ChildProcess, lines: string[], exited: boolean }}
     */
    spawn(name, command, args, { quiet = true, stdin = 'ignore', keep = 400, ...options } = {}) {
      const child = spawn(command, args, {
        ...options,
        detached: true,
        stdio: quiet ? [stdin, 'pipe', 'pipe'] : [stdin, 'inherit', 'inherit'],
      });
      const lines = [];
      if (quiet) {
        const onData = (chunk) => {
          lines.push(chunk.toString());
          if (lines.length > keep) lines.shift();
        };
        child.stdout.on('data', onData);
        child.stderr.on('data', onData);
      }
      const entry = { name, child, lines, exited: false };
      child.on('exit', () => (entry.exited = true));
      started.push(entry);
      return entry;
    },
    /** Writes the kept output of every process to stderr (on failure). */
    dump() {
      for (const entry of started) process.stderr.write(`--- ${entry.name} ---\n${entry.lines.join('')}\n`);
    },
    async stopAll() {
      for (const entry of [...started].reverse()) {
        if (entry.exited) continue;
        try {
          process.kill(-entry.child.pid, 'SIGTERM');
        } catch {
          /* already gone */
        }
        const deadline = Date.now() + 15_000;
        while (!entry.exited && Date.now() < deadline) await delay(100);
        if (!entry.exited) {
          try {
            process.kill(-entry.child.pid, 'SIGKILL');
          } catch {
            /* already gone */
          }
        }
      }
    },
  };
}

/** Whether something already listens on `port` (on any interface). */
export function portTaken(port) {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', (error) => resolve(error.code === 'EADDRINUSE' || error.code === 'EACCES'));
    server.listen(port, '0.0.0.0', () => server.close(() => resolve(false)));
  });
}

/** Variables that move each port of `pnpm start`. */
/**
 * Environment of the BFF process (overridable from the caller's environment). `MALLOC_ARENA_MAX=2`: glibc otherwise
 * gives each of libuv's pool threads a malloc arena of its own, and argon2id's 19 MiB working memory (each login,
 * the demo seed's hashes) stays resident in every arena that ran one: tens of MB of RSS that never return.
 */
export const BFF_PROCESS_ENV = { MALLOC_ARENA_MAX: '2' };

export const PORT_VARIABLES = {
  sandbox: 'SANDBOX_PORT',
  smtp: 'SANDBOX_SMTP_PORT',
  oidc: 'SANDBOX_OIDC_PORT',
  bff: 'PORT',
  realtime: 'REALTIME_PORT',
  portal: 'PORTAL_PORT',
};
const PORT_OWNERS = {
  sandbox: 'the sandbox',
  smtp: "the sandbox's SMTP catcher",
  oidc: "the sandbox's OpenID provider",
  bff: 'the BFF',
  realtime: 'the realtime process',
  portal: 'the portal',
};

/**
 * Checks that every port of the stack is free before anything starts.
 * @param {Record<string, number>} ports by role (sandbox, smtp, bff, portal)
 * @param {Record<string, string>} variables the variable that moves each port
 * @throws Error naming the taken port, whose it is and the variable that moves it
 */
export async function assertPortsFree(ports, variables = PORT_VARIABLES) {
  for (const [role, port] of Object.entries(ports)) {
    if (port === undefined || !(await portTaken(port))) continue;
    const variable = variables[role] ?? PORT_VARIABLES[role];
    throw new Error(
      `port ${port} (${PORT_OWNERS[role] ?? role}) is already in use by another program. Stop that program, or set ${variable} to a free port (e.g. ${variable}=${port + 1000}).`,
    );
  }
}

/**
 * Starts sandbox, BFF and portal and waits until each answers.
 * @param {object} options
 * @param {{ sandbox: number, bff: number, portal: number, smtp?: number, oidc?: number, realtime?: number }} options.ports (smtp: the sandbox's SMTP catcher, default sandbox + 25; oidc: its OpenID provider, default sandbox + 26; realtime: the separate realtime process, used with REDIS_URL and REALTIME_PROCESS=separate, default bff + 1)
 * @param {Record<string, string>} [options.env] extra environment for all three (e.g. DATABASE_URL, REDIS_URL)
 * @param {boolean} [options.quiet] send the processes' output to the parent only on failure
 * @param {Record<string, string>} [options.portVariables] the variable that moves each port (for the message when one is taken)
 * @returns {Promise<{ urls: { sandbox: string, bff: string, portal: string, realtime?: string }, stop: () => Promise<void> }>}
 */
export async function startStack({ ports, env = {}, quiet = false, portVariables = PORT_VARIABLES }) {
  // With Redis, REALTIME_PROCESS=separate moves the sockets to a process of their own (dist/realtime.js).
  const redisUrl = env.REDIS_URL ?? process.env.REDIS_URL;
  const separateRealtime =
    Boolean(redisUrl) && (env.REALTIME_PROCESS ?? process.env.REALTIME_PROCESS) === 'separate';
  const realtimePort = ports.realtime ?? ports.bff + 1;
  await assertPortsFree(
    {
      sandbox: ports.sandbox,
      smtp: ports.smtp ?? ports.sandbox + 25,
      oidc: ports.oidc ?? ports.sandbox + 26,
      bff: ports.bff,
      ...(separateRealtime ? { realtime: realtimePort } : {}),
      portal: ports.portal,
    },
    portVariables,
  );
  const secrets = localSecrets();
  const urls = {
    sandbox: `http://127.0.0.1:${ports.sandbox}`,
    bff: `http://127.0.0.1:${ports.bff}`,
    portal: `http://localhost:${ports.portal}`,
  };
  const sharedEnv = {
    ...process.env,
    NODE_ENV: process.env.NODE_ENV ?? 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    SANDBOX_PORT: String(ports.sandbox),
    SANDBOX_WEBHOOK_TARGET: urls.bff,
    SANDBOX_SMTP_PORT: String(ports.smtp ?? ports.sandbox + 25),
    SMTP_URL: `smtp://127.0.0.1:${ports.smtp ?? ports.sandbox + 25}`,
    // The sandbox's OpenID provider, used by the BFF when OIDC_ENABLED=true.
    SANDBOX_OIDC_PORT: String(ports.oidc ?? ports.sandbox + 26),
    SANDBOX_OIDC_REDIRECT_URIS: `${urls.portal}/api/v1/auth/oidc/callback`,
    OIDC_ISSUER_URL: `http://127.0.0.1:${ports.oidc ?? ports.sandbox + 26}`,
    PORT: String(ports.bff),
    PORTAL_ORIGIN: urls.portal,
    WHMCS_API_URL: `${urls.sandbox}/includes/api.php`,
    SALESFORCE_LOGIN_URL: urls.sandbox,
    PORTAL_PORT: String(ports.portal),
    BFF_INTERNAL_URL: urls.bff,
    BFF_PUBLIC_URL: `http://localhost:${ports.bff}`,
    ...(separateRealtime
      ? { REALTIME_PORT: String(realtimePort), REALTIME_PUBLIC_URL: `http://localhost:${realtimePort}` }
      : {}),
    ...secrets,
    // The sandbox's OpenID provider registers Portico's client with the BFF's secret.
    SANDBOX_OIDC_CLIENT_SECRET: secrets.OIDC_CLIENT_SECRET,
    ...env,
  };
  const procs = processGroup();
  const launch = (name, command, args, cwd) =>
    procs.spawn(name, command, args, { cwd: path.join(repoRoot, cwd), env: sharedEnv, quiet });
  const stop = () => procs.stopAll();

  try {
    const sandbox = launch('sandbox', process.execPath, ['dist/main.js'], 'apps/sandbox');
    await waitForHttp(`${urls.sandbox}/__admin/state`, 30_000, () => !sandbox.exited);
    // With Redis the job queue is shared: the BFF only queues, a worker process of its own works the queue (kept
    // apart from the requests' event loop). Without Redis the queue is in-process and the BFF runs the jobs itself.
    const separateWorker = Boolean(sharedEnv.REDIS_URL) && sharedEnv.JOB_WORKER !== 'inline';
    const bff = procs.spawn('bff', process.execPath, ['dist/main.js'], {
      cwd: path.join(repoRoot, 'apps/bff'),
      env: { ...BFF_PROCESS_ENV, ...(separateWorker ? { ...sharedEnv, JOB_WORKER: 'off' } : sharedEnv) },
      quiet,
    });
    await waitForHttp(`${urls.bff}/health/live`, 120_000, () => !bff.exited);
    if (separateWorker) {
      // A METRICS_PORT of the BFF's own: the worker serves its metrics on the next port.
      const metricsPort = sharedEnv.METRICS_PORT ? String(Number(sharedEnv.METRICS_PORT) + 1) : '';
      const worker = procs.spawn('worker', process.execPath, ['dist/worker.js'], {
        cwd: path.join(repoRoot, 'apps/bff'),
        env: { ...sharedEnv, METRICS_PORT: metricsPort },
        quiet,
      });
      await delay(500);
      if (worker.exited) throw new Error('the worker process exited at start');
    }
    if (separateRealtime) {
      const realtime = procs.spawn('realtime', process.execPath, ['dist/realtime.js'], {
        cwd: path.join(repoRoot, 'apps/bff'),
        env: { ...BFF_PROCESS_ENV, ...sharedEnv },
        quiet,
      });
      await waitForHttp(`http://127.0.0.1:${realtimePort}/health/live`, 60_000, () => !realtime.exited);
      urls.realtime = `http://127.0.0.1:${realtimePort}`;
    }
    // server.mjs: Next.js with the client's address decided from the socket (never a client-sent X-Forwarded-For).
    const portal = procs.spawn('portal', process.execPath, ['server.mjs'], {
      cwd: path.join(repoRoot, 'apps/portal'),
      env: { ...sharedEnv, PORTAL_PORT: String(ports.portal) },
      quiet,
    });
    await waitForHttp(`${urls.portal}/login`, 60_000, () => !portal.exited);
  } catch (error) {
    if (quiet) procs.dump();
    await stop();
    throw error;
  }
  return { urls, stop };
}

/**
 * Starts the stack (quiet, `LOG_LEVEL=warn`) without Redis and on an embedded PostgreSQL whose data lives in a fresh
 * temporary folder, removed again by `stop`: for the end-to-end tests and the benchmarks.
 * @param {object} options
 * @param {{ sandbox: number, bff: number, portal: number }} options.ports
 * @param {number} options.postgresPort port of the embedded PostgreSQL
 * @param {Record<string, string>} [options.env] extra environment for all three
 */
export async function startThrowawayStack({ ports, postgresPort, env = {}, portVariables }) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portico-pg-'));
  const removeData = () => rmSync(dataDir, { recursive: true, force: true });
  let stack;
  try {
    stack = await startStack({
      ports,
      env: {
        DATABASE_URL: '',
        REDIS_URL: '',
        EMBEDDED_PG_DATA_DIR: dataDir,
        EMBEDDED_PG_PORT: String(postgresPort),
        LOG_LEVEL: 'warn',
        ...env,
      },
      quiet: true,
      portVariables,
    });
  } catch (error) {
    removeData();
    throw error;
  }
  return {
    urls: stack.urls,
    stop: async () => {
      await stack.stop();
      removeData();
    },
  };
}
