import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { loadEnv } from '../../src/core/config/env';
import { ensureAppRoleLogin } from '../../src/core/database/app-role';
import { ensureDatabase } from '../../src/core/database/database-admin';
import { embeddedPostgresUrl } from '../../src/core/database/embedded-postgres.server';
import { seedDemoData } from '../../src/core/database/demo-seed';
import { runMigrations } from '../../src/core/prisma/migration-runner';
import { freePort, waitFor } from './free-port';
import { OIDC_TEST_REDIRECT_URI, TEST_ENV, writeState } from './test-state';

/** Child processes kept for the teardown (same process as the setup). */
export const children: { embedded?: ChildProcess; sandbox?: ChildProcess } = {};
(globalThis as { __porticoChildren?: typeof children }).__porticoChildren = children;

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function startEmbedded(): Promise<string> {
  const port = process.env.PORTICO_TEST_PG_PORT ? Number(process.env.PORTICO_TEST_PG_PORT) : await freePort();
  const dataDir = path.join(tmpdir(), `portico-test-pg-${randomBytes(6).toString('hex')}`);
  const child = spawn(process.execPath, [path.join(__dirname, 'embedded-pg.mjs'), dataDir, String(port)], {
    cwd: path.join(__dirname, '..', '..'),
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.embedded = child;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('embedded PostgreSQL did not start in 60 s')), 60_000);
    createInterface({ input: child.stdout }).on('line', (line) => {
      if (line.trim() === 'ready') {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`embedded PostgreSQL exited with ${code}`));
    });
  });
  return embeddedPostgresUrl(port, 'postgres');
}

async function startSandbox(): Promise<{
  url: string;
  pid: number;
  webhookPort: number;
  smtpPort: number;
  oidcIssuer: string;
} | null> {
  const entry = path.resolve(__dirname, '..', '..', '..', 'sandbox', 'dist', 'main.js');
  if (!existsSync(entry)) return null;
  const port = await freePort();
  const webhookPort = await freePort();
  const smtpPort = await freePort();
  const oidcPort = await freePort();
  const child = spawn(process.execPath, [entry], {
    cwd: path.dirname(path.dirname(entry)),
    env: {
      ...process.env,
      SANDBOX_PORT: String(port),
      SANDBOX_WEBHOOK_TARGET: `http://127.0.0.1:${webhookPort}`,
      SANDBOX_SMTP_PORT: String(smtpPort),
      SANDBOX_OIDC_PORT: String(oidcPort),
      SANDBOX_OIDC_REDIRECT_URIS: OIDC_TEST_REDIRECT_URI,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.sandbox = child;
  const url = `http://127.0.0.1:${port}`;
  await waitFor(async () => (await fetch(`${url}/__admin/state`)).ok, 30_000, 'the sandbox');
  return { url, pid: child.pid ?? 0, webhookPort, smtpPort, oidcIssuer: `http://127.0.0.1:${oidcPort}` };
}

/**
 * Jest global setup: a fresh database `portico_test_<random>` (on DATABASE_URL's server, else an embedded one),
 * migrated and seeded with the demo data; the sandbox when apps/sandbox is built.
 */
export default async function globalSetup(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL
    ? withDatabase(process.env.DATABASE_URL, 'postgres')
    : await startEmbedded();
  const databaseName = `portico_test_${randomBytes(6).toString('hex')}`;
  await ensureDatabase(adminUrl, databaseName);
  const databaseUrl = withDatabase(adminUrl, databaseName);
  await runMigrations(databaseUrl);
  // The BFF under test connects as portico_app (row-level security applies); let it log in.
  await ensureAppRoleLogin(databaseUrl, loadEnv({}).DATABASE_APP_PASSWORD);
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await seedDemoData(client);
  } finally {
    await client.end();
  }
  const sandbox = await startSandbox();
  process.env[TEST_ENV.databaseUrl] = databaseUrl;
  if (sandbox) {
    process.env[TEST_ENV.sandboxUrl] = sandbox.url;
    process.env[TEST_ENV.webhookPort] = String(sandbox.webhookPort);
    process.env[TEST_ENV.smtpUrl] = `smtp://127.0.0.1:${sandbox.smtpPort}`;
    process.env[TEST_ENV.oidcIssuer] = sandbox.oidcIssuer;
  }
  process.env[TEST_ENV.stateFile] = writeState({
    databaseName,
    databaseUrl,
    adminUrl,
    embeddedPid: children.embedded?.pid ?? null,
    sandboxPid: sandbox?.pid ?? null,
    sandboxUrl: sandbox?.url ?? null,
  });
}
