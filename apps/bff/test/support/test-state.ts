import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** What the global setup started, for the tests (via env) and the teardown (via this file). */
export interface TestState {
  databaseName: string;
  databaseUrl: string;
  adminUrl: string;
  embeddedPid: number | null;
  sandboxPid: number | null;
  sandboxUrl: string | null;
}

const STATE_FILE = path.join(tmpdir(), `portico-bff-int-${process.ppid}-state.json`);

/** Env names the global setup exports to the test files. */
export const TEST_ENV = {
  databaseUrl: 'PORTICO_TEST_DATABASE_URL',
  sandboxUrl: 'PORTICO_TEST_SANDBOX_URL',
  webhookPort: 'PORTICO_TEST_WEBHOOK_PORT',
  smtpUrl: 'PORTICO_TEST_SMTP_URL',
  /** Issuer URL of the sandbox's OpenID provider. */
  oidcIssuer: 'PORTICO_TEST_OIDC_ISSUER',
  stateFile: 'PORTICO_TEST_STATE_FILE',
} as const;

export function writeState(state: TestState): string {
  writeFileSync(STATE_FILE, JSON.stringify(state));
  return STATE_FILE;
}

export function readState(file: string): TestState {
  return JSON.parse(readFileSync(file, 'utf8')) as TestState;
}

/** The redirect URI the sandbox's OpenID provider registers for the tests' BFF (the default PORTAL_ORIGIN's callback). */
export const OIDC_TEST_REDIRECT_URI = 'http://localhost:3000/api/v1/auth/oidc/callback';
