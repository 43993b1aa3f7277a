import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { testEnv } from './test-app';

/** The built BFF (`pnpm build`), run as a child process by the crash tests. */
export const BFF_MAIN = path.join(__dirname, '..', '..', 'dist', 'main.js');

/** The built job worker (`dist/worker.js`): the webhook, sync and rollup jobs without the HTTP API. */
export const WORKER_MAIN = path.join(__dirname, '..', '..', 'dist', 'worker.js');

/** Where a started process is probed: the entry to run and the URL that answers 2xx once it is up. */
export interface BffProcessTarget {
  entry: string;
  probeUrl: string;
}

/**
 * Starts the built BFF on `port` against the test database and sandbox (no seed, no reconciliation or usage sync),
 * with `env` added, and waits until `/health/live` answers (or, with `target`, runs another entry such as the
 * worker and waits for its probe URL).
 * @throws Error when it exits or is not up within `timeoutMs` (then it is killed)
 */
export async function startBffProcess(
  port: number,
  env: Record<string, string> = {},
  timeoutMs = 60_000,
  target: BffProcessTarget = { entry: BFF_MAIN, probeUrl: `http://127.0.0.1:${port}/health/live` },
): Promise<ChildProcess> {
  const base = testEnv();
  const proc = spawn(process.execPath, [target.entry], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: base.DATABASE_URL,
      SEED_DEMO_DATA: 'false',
      WHMCS_API_URL: base.WHMCS_API_URL,
      SALESFORCE_LOGIN_URL: base.SALESFORCE_LOGIN_URL,
      RECONCILIATION_INTERVAL_MS: '0',
      USAGE_SYNC_INTERVAL_MS: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if ((await fetch(target.probeUrl)).ok) return proc;
    } catch {
      // not up yet
    }
    if (proc.exitCode !== null) throw new Error(`BFF exited with ${proc.exitCode}`);
    if (Date.now() > deadline) {
      // Not left behind: a running child would keep the test runner from exiting.
      proc.kill('SIGKILL');
      throw new Error(`BFF did not start in ${timeoutMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}
