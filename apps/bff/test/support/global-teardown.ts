import type { ChildProcess } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dropDatabase } from '../../src/core/database/database-admin';
import { readState, TEST_ENV } from './test-state';

async function stopChild(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      resolve();
    }, 15_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Drops the test database and stops what the setup started. */
export default async function globalTeardown(): Promise<void> {
  const children =
    (globalThis as { __porticoChildren?: { embedded?: ChildProcess; sandbox?: ChildProcess } })
      .__porticoChildren ?? {};
  const stateFile = process.env[TEST_ENV.stateFile];
  if (stateFile) {
    const state = readState(stateFile);
    await dropDatabase(state.adminUrl, state.databaseName).catch((err: unknown) => {
      process.stderr.write(`Could not drop ${state.databaseName}: ${String(err)}\n`);
    });
    rmSync(stateFile, { force: true });
  }
  await stopChild(children.sandbox);
  await stopChild(children.embedded);
}
