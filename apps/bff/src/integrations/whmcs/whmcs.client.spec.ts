import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { whmcsInvoicesSchema } from '@portico/domain/providers/whmcs';
import { loadEnv, type Env } from '../../core/config/env';
import { UpstreamRegistry } from '../upstream/upstream.registry';
import { Logger } from '@nestjs/common';
import { UpstreamException } from '../upstream/upstream.exception';
import { WhmcsClient } from './whmcs.client';

type Handler = (req: IncomingMessage, body: URLSearchParams, res: ServerResponse) => void;

describe('WhmcsClient', () => {
  let server: Server;
  let handler: Handler;
  let url: string;
  let requests: URLSearchParams[];

  beforeAll(async () => {
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        const body = new URLSearchParams(data);
        requests.push(body);
        handler(req, body, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/includes/api.php`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    requests = [];
  });

  const envFor = (): Env => ({
    ...loadEnv({ UPSTREAM_RETRY_INITIAL_DELAY_MS: '10' }),
    WHMCS_API_URL: url,
    WHMCS_API_IDENTIFIER: 'id-123',
    WHMCS_API_SECRET: 'top-secret-value',
    // Generous for a loaded machine; the slow answer below takes far longer.
    WHMCS_TIMEOUT_MS: 1000,
  });
  const clientWith = (registry: UpstreamRegistry) => new WhmcsClient(envFor(), registry);
  const client = () => clientWith(new UpstreamRegistry(envFor()));

  const json = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };

  async function failure(run: Promise<unknown>): Promise<UpstreamException> {
    const err: unknown = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!(err instanceof UpstreamException))
      throw new Error(`expected an UpstreamException, got ${String(err)}`);
    expect(err.reason).not.toContain('top-secret-value');
    return err;
  }

  it('leaves out a malformed invoice, keeps the others and logs which one without its values', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      handler = (_req, _body, res) =>
        json(res, 200, {
          result: 'success',
          totalresults: 2,
          invoices: {
            invoice: [
              { id: 7, total: '1.00' },
              { id: 8, total: 'one dollar' },
            ],
          },
        });
      const result = await client().call('GetInvoices', {}, whmcsInvoicesSchema);
      expect(result.invoices.map((i) => i.id)).toEqual(['7']);
      const call = warn.mock.calls.find((c) => c[1] === 'whmcs records skipped: unexpected shape');
      expect(call?.[0]).toMatchObject({
        action: 'GetInvoices',
        list: 'invoices',
        skipped: [{ index: 1, id: '8' }],
      });
      expect(JSON.stringify(call?.[0])).not.toContain('one dollar');
    } finally {
      warn.mockRestore();
    }
  });

  it('posts form-encoded credentials and parses the answer', async () => {
    handler = (_req, _body, res) =>
      json(res, 200, {
        result: 'success',
        totalresults: 1,
        invoices: { invoice: [{ id: 7, total: '1.00' }] },
      });
    const result = await client().call('GetInvoices', { userid: 1, status: undefined }, whmcsInvoicesSchema);
    expect(result.totalresults).toBe(1);
    const sent = requests[0];
    expect(sent?.get('action')).toBe('GetInvoices');
    expect(sent?.get('identifier')).toBe('id-123');
    expect(sent?.get('responsetype')).toBe('json');
    expect(sent?.get('userid')).toBe('1');
    expect(sent?.has('status')).toBe(false);
  });

  it('turns result "error" into a rejected failure carrying the WHMCS message', async () => {
    handler = (_req, _body, res) => json(res, 200, { result: 'error', message: 'Invoice ID Not Found' });
    const err = await failure(client().call('GetInvoice', { invoiceid: 1 }, whmcsInvoicesSchema));
    expect(err.kind).toBe('rejected');
    expect(err.reason).toContain('Invoice ID Not Found');
  });

  it("keeps WHMCS's 403 message for the logs but not for users", async () => {
    handler = (_req, _body, res) => json(res, 403, { result: 'error', message: 'Invalid IP 203.0.113.7' });
    const err = await failure(client().call('GetInvoices', {}, whmcsInvoicesSchema));
    expect(err.reason).toContain('HTTP 403: Invalid IP 203.0.113.7');
    expect(err.message).toBe('Billing system refused the request');
    handler = (_req, _body, res) =>
      res
        .writeHead(403, { 'content-type': 'text/xml' })
        .end(
          '<?xml version="1.0"?><whmcsapi><result>error</result><message>Authentication Failed</message></whmcsapi>',
        );
    expect((await failure(client().call('GetInvoices', {}, whmcsInvoicesSchema))).reason).toContain(
      'HTTP 403: Authentication Failed',
    );
    handler = (_req, _body, res) => res.writeHead(403).end('Forbidden');
    expect((await failure(client().call('GetInvoices', {}, whmcsInvoicesSchema))).reason).toContain(
      'HTTP 403: credentials or IP not allowed',
    );
  });

  it('classifies 403, non-JSON, schema mismatch and 5xx', async () => {
    handler = (_req, _body, res) => json(res, 403, { result: 'error', message: 'Invalid IP' });
    expect((await failure(client().call('GetInvoices', {}, whmcsInvoicesSchema))).kind).toBe('rejected');

    handler = (_req, _body, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html>oops</html>');
    expect((await failure(client().call('GetInvoices', {}, whmcsInvoicesSchema))).kind).toBe('bad_response');

    handler = (_req, _body, res) =>
      json(res, 200, { result: 'success', totalresults: 'many', invoices: { invoice: [] } });
    expect((await failure(client().call('GetInvoices', {}, whmcsInvoicesSchema))).kind).toBe('bad_response');

    handler = (_req, _body, res) => json(res, 500, {});
    const err = await failure(client().call('GetInvoices', {}, whmcsInvoicesSchema));
    expect(err.kind).toBe('unreachable');
    expect(err.status).toBe(503);
    expect(requests).toHaveLength(5); // 1 + 1 + 1 + (1 attempt + 1 retry)
  });

  it('cuts a slow answer at the timeout', async () => {
    handler = (_req, _body, res) => setTimeout(() => json(res, 200, { result: 'success' }), 4000);
    const started = Date.now();
    const err = await failure(client().call('GetInvoices', {}, whmcsInvoicesSchema));
    expect(err.kind).toBe('timeout');
    expect(err.status).toBe(504);
    expect(err.message).toBe('Billing system did not answer in time');
    expect(Date.now() - started).toBeLessThan(3500);
  });

  it('opens the breaker for the Retry-After of a 429, without retrying, and keeps every action family off', async () => {
    const registry = new UpstreamRegistry(envFor());
    const whmcs = clientWith(registry);
    handler = (_req, _body, res) =>
      res.writeHead(429, { 'retry-after': '30' }).end('{"result":"error","message":"Too Many Requests"}');
    const first = await failure(whmcs.call('GetInvoices', {}, whmcsInvoicesSchema));
    expect(first).toMatchObject({ kind: 'unreachable', rateLimited: true, retryAfterMs: 30_000 });
    expect(requests).toHaveLength(1);

    const state = registry.snapshot();
    expect(state.whmcs).toMatchObject({ breaker: 'open', openReason: 'rate_limited' });
    const waitMs = Date.parse(state.whmcs.retryAt ?? '') - Date.now();
    expect(waitMs).toBeGreaterThan(25_000);
    expect(waitMs).toBeLessThanOrEqual(30_000);

    // Another family (client details) is held off too: the limit is per API user.
    const held = await failure(whmcs.call('GetClientsDetails', { clientid: 1 }, whmcsInvoicesSchema));
    expect(held).toMatchObject({ kind: 'unreachable', rateLimited: true, shortCircuited: true });
    expect(requests).toHaveLength(1);
  });

  it('opens the breaker of a family after consecutive failures; other families still call', async () => {
    const registry = new UpstreamRegistry({
      ...envFor(),
      UPSTREAM_BREAKER_THRESHOLD: 3,
      UPSTREAM_RETRY_MAX_ATTEMPTS: 1,
    });
    const whmcs = clientWith(registry);
    handler = (_req, body, res) =>
      body.get('action') === 'GetInvoices'
        ? json(res, 500, {})
        : json(res, 200, {
            result: 'success',
            totalresults: 0,
            startnumber: 0,
            numreturned: 0,
            invoices: [],
          });
    for (let i = 0; i < 3; i += 1) await failure(whmcs.call('GetInvoices', {}, whmcsInvoicesSchema));
    expect(requests).toHaveLength(3);
    const held = await failure(whmcs.call('GetInvoices', {}, whmcsInvoicesSchema));
    expect(held.shortCircuited).toBe(true);
    expect(held.message).toBe('Billing system is unavailable');
    expect(requests).toHaveLength(3);
    expect(registry.snapshot().whmcs.families).toMatchObject({
      billing: { breaker: 'open', openReason: 'failures' },
      client: { breaker: 'closed' },
    });
    await whmcs.call('GetClientsDetails', { clientid: 1 }, whmcsInvoicesSchema);
    expect(requests).toHaveLength(4);
  });

  it('never retries a write', async () => {
    handler = (_req, _body, res) => json(res, 500, {});
    await failure(client().call('UpdateInvoice', { invoiceid: 1 }, whmcsInvoicesSchema, { write: true }));
    expect(requests).toHaveLength(1);
  });
});
