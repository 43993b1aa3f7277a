import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import path from 'node:path';
import { Webhook } from 'standardwebhooks';
import { accountIdByName, loginAs } from '../support/login';
import { freePort } from '../support/free-port';
import { eventually } from '../support/eventually';
import { TEST_ENV } from '../support/test-state';

interface SpanRecord {
  name: string;
  kind: number;
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  attributes: Record<string, unknown>;
}

/** The URL a client span called (`url.full`, or the older `http.url`). */
function spanUrl(s: SpanRecord): string {
  const value = s.attributes['url.full'] ?? s.attributes['http.url'];
  return typeof value === 'string' ? value : '';
}

const SERVER = 1;
const CLIENT = 2;
const WEBHOOK_SECRET = 'whsec_cG9ydGljby1kZXYtd2hjbXMtd2ViaG9vay1zZWNyZXQ=';

/** The BFF's environment for a child process on the test database and the sandbox. */
function bffEnv(port: number, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const sandbox = process.env[TEST_ENV.sandboxUrl] ?? 'http://127.0.0.1:4100';
  return {
    PATH: process.env.PATH,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(port),
    LOG_LEVEL: 'info',
    DATABASE_URL: process.env[TEST_ENV.databaseUrl],
    ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}),
    WHMCS_API_URL: `${sandbox}/includes/api.php`,
    SALESFORCE_LOGIN_URL: sandbox,
    WHMCS_WEBHOOK_SECRET: WEBHOOK_SECRET,
    STATUS_CACHE_TTL_MS: '0',
    RECONCILIATION_INTERVAL_MS: '0',
    RATE_LIMIT_API_PER_MINUTE: '100000',
    ...extra,
  };
}

async function waitLive(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const state = await eventually(
    async () => {
      if (child.exitCode !== null) return 'exited';
      expect((await fetch(`${url}/health/live`)).ok).toBe(true);
      return 'live';
    },
    { timeoutMs: 90_000, intervalMs: 200 },
  ).catch(() => 'late');
  if (state === 'exited') throw new Error(`the BFF exited:\n${output().slice(-3000)}`);
  if (state === 'late') throw new Error(`the BFF was not ready:\n${output().slice(-3000)}`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  // A shutdown that hangs (e.g. on a Redis connection) must not hold the suite: kill it after 15 s.
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** A W3C `traceparent` as the portal's server sends it on its fetches to the BFF (sampled). */
function traceparent(): { header: string; traceId: string } {
  const traceId = randomBytes(16).toString('hex');
  return { header: `00-${traceId}-${randomBytes(8).toString('hex')}-01`, traceId };
}

describe('tracing (integration, OpenTelemetry with an in-memory exporter)', () => {
  let child: ChildProcess;
  let url: string;
  let out = '';

  const spans = (): Promise<SpanRecord[]> =>
    new Promise((resolve) => {
      child.once('message', (m) => resolve(m as SpanRecord[]));
      child.send('spans');
    });

  beforeAll(async () => {
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    child = fork(path.join(__dirname, '../support/traced-bff.mjs'), [], {
      env: bffEnv(port),
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
    await waitLive(url, child, () => out);
  }, 120_000);
  afterAll(async () => {
    await stop(child);
  });

  it('follows one request through the BFF to PostgreSQL, WHMCS and Salesforce in one trace, and logs its trace id', async () => {
    const cookie = await loginAs(url, 'owner@acme.example');
    const acme = await accountIdByName(url, cookie, 'Acme Hosting Ltd');
    const { header, traceId } = traceparent();
    const res = await fetch(`${url}/api/v1/accounts/${acme}/status`, {
      headers: { cookie, traceparent: header },
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();

    const trace = await eventually(
      async () => {
        const ofRequest = (await spans()).filter((s) => s.traceId === traceId);
        expect(ofRequest.some((s) => s.kind === SERVER)).toBe(true);
        return ofRequest;
      },
      { intervalMs: 100 },
    );
    const server = trace.find((s) => s.kind === SERVER);
    expect(server).toBeDefined();
    const ids = new Set(trace.map((s) => s.spanId));
    // Every span of the trace hangs off the incoming request (its parent is in the trace, or is the caller's).
    expect(
      trace.filter(
        (s) => s.spanId !== server?.spanId && (s.parentSpanId === null || !ids.has(s.parentSpanId)),
      ),
    ).toEqual([]);
    const urlOf = spanUrl;
    const clients = trace.filter((s) => s.kind === CLIENT);
    expect(clients.some((s) => urlOf(s).includes('/includes/api.php'))).toBe(true);
    expect(clients.some((s) => urlOf(s).includes('/services/'))).toBe(true);
    expect(
      trace.some(
        (s) => s.attributes['db.system'] === 'postgresql' || s.attributes['db.system.name'] === 'postgresql',
      ),
    ).toBe(true);
    // The access log line of the request (and any other line written in its context) carries the trace id. It is
    // written after the response has left and reaches this process through a pipe, so it may come after the spans.
    await eventually(
      () => {
        const lines = out.split('\n').filter((l) => l.includes(`"traceId":"${traceId}"`));
        expect(lines.some((l) => l.includes('request completed'))).toBe(true);
      },
      { intervalMs: 100 },
    );
  });

  it('carries the context of a webhook delivery through the job queue to the worker', async () => {
    const { header, traceId } = traceparent();
    const body = JSON.stringify({
      event: 'InvoicePaid',
      occurredAt: new Date().toISOString(),
      userid: 1,
      params: { invoiceid: 1001 },
    });
    const id = `msg_${randomUUID()}`;
    const at = new Date();
    const res = await fetch(`${url}/webhooks/whmcs`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        traceparent: header,
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
        'webhook-signature': new Webhook(WEBHOOK_SECRET).sign(id, at, body),
      },
      body,
    });
    expect(res.status).toBe(204);
    // The worker's claim of the delivery (UPDATE webhook_deliveries) and its re-read of the invoice (WHMCS).
    const isWorkerCall = (s: SpanRecord): boolean =>
      s.kind === CLIENT && spanUrl(s).includes('/includes/api.php');
    await eventually(
      async () => expect((await spans()).some((s) => s.traceId === traceId && isWorkerCall(s))).toBe(true),
      { intervalMs: 100 },
    );
  });
});

describe('tracing with the collector down', () => {
  it('answers every request as usual', async () => {
    const port = await freePort();
    const dead = await freePort(); // nothing listens there
    const bff = spawn(process.execPath, ['dist/main.js'], {
      cwd: path.join(__dirname, '../..'),
      env: bffEnv(port, { OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${dead}`, LOG_LEVEL: 'warn' }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    bff.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    bff.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    const base = `http://127.0.0.1:${port}`;
    try {
      await waitLive(base, bff, () => output);
      const cookie = await loginAs(base, 'owner@acme.example');
      const acme = await accountIdByName(base, cookie, 'Acme Hosting Ltd');
      // Past the exporter's first batches (1 s apart): every request still answers.
      for (let i = 0; i < 15; i += 1) {
        const res = await fetch(`${base}/api/v1/accounts/${acme}/status`, { headers: { cookie } });
        expect(res.status).toBe(200);
        await res.arrayBuffer();
        // real wait: the requests must span the exporter's batch timer (1 s, inside the BFF process).
        await new Promise((r) => setTimeout(r, 150));
      }
      expect(bff.exitCode).toBeNull();
    } finally {
      await stop(bff);
    }
  }, 120_000);
});
