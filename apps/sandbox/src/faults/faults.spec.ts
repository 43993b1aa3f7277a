import { buildSandbox, type Sandbox } from '../sandbox.app';
import { FaultsService } from './faults.service';

let sb: Sandbox;
let baseUrl: string;
const form =
  'action=GetInvoices&userid=1&identifier=portico-sandbox-identifier&secret=portico-sandbox-secret&responsetype=json';
const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

beforeEach(async () => {
  sb = buildSandbox({ env: { SANDBOX_WEBHOOK_TARGET: 'http://127.0.0.1:9' }, webhookRetryDelaysMs: [] });
  baseUrl = await sb.app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  await sb.app.close();
});

const addFault = async (body: Record<string, unknown>) => {
  const res = await sb.app.inject({ method: 'POST', url: '/__admin/faults', payload: body });
  return { status: res.statusCode, body: res.json<{ id?: string }>() };
};
const whmcs = () =>
  sb.app.inject({ method: 'POST', url: '/includes/api.php', headers: formHeaders, payload: form });

async function sfToken(): Promise<string> {
  const res = await sb.app.inject({
    method: 'POST',
    url: '/services/oauth2/token',
    headers: formHeaders,
    payload:
      'grant_type=client_credentials&client_id=portico-sandbox-client-id&client_secret=portico-sandbox-client-secret',
  });
  return res.json<{ access_token: string }>().access_token;
}

describe('faults', () => {
  it('validates the fault body', async () => {
    expect((await addFault({ upstream: 'paypal', mode: 'error' })).status).toBe(400);
    expect((await addFault({ upstream: 'whmcs', mode: 'error', probability: 2 })).status).toBe(400);
    expect((await addFault({ upstream: 'whmcs', mode: 'error', colour: 'red' })).status).toBe(400);
  });

  it('WHMCS error: HTTP 500, or result:error with status 200; scoped by action; removable', async () => {
    const { body } = await addFault({ upstream: 'whmcs', action: 'getinvoices', mode: 'error' });
    expect((await whmcs()).statusCode).toBe(500);
    const other = await sb.app.inject({
      method: 'POST',
      url: '/includes/api.php',
      headers: formHeaders,
      payload: form.replace('GetInvoices', 'GetClientsDetails').replace('userid', 'clientid'),
    });
    expect(other.statusCode).toBe(200);
    expect(
      (await sb.app.inject({ method: 'DELETE', url: `/__admin/faults/${body.id ?? ''}` })).statusCode,
    ).toBe(204);
    expect((await whmcs()).statusCode).toBe(200);
    await addFault({ upstream: 'whmcs', mode: 'error', status: 200 });
    const soft = await whmcs();
    expect(soft.statusCode).toBe(200);
    expect(soft.json()).toMatchObject({ result: 'error' });
  });

  it('rate_limit: WHMCS 429, Salesforce 403 REQUEST_LIMIT_EXCEEDED', async () => {
    await addFault({ upstream: 'whmcs', mode: 'rate_limit' });
    await addFault({ upstream: 'salesforce', action: 'query', mode: 'rate_limit' });
    expect((await whmcs()).statusCode).toBe(429);
    const token = await sfToken();
    const res = await sb.app.inject({
      method: 'GET',
      url: '/services/data/v62.0/query?q=SELECT+Id+FROM+Case',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual([
      { message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' },
    ]);
  });

  it('Salesforce error answers 500 UNKNOWN_EXCEPTION; garbage is malformed JSON', async () => {
    await addFault({ upstream: 'salesforce', action: 'oauth', mode: 'error' });
    const res = await sb.app.inject({
      method: 'POST',
      url: '/services/oauth2/token',
      headers: formHeaders,
      payload: 'grant_type=client_credentials',
    });
    expect(res.statusCode).toBe(500);
    expect(res.json<Array<{ errorCode: string }>>()[0]?.errorCode).toBe('UNKNOWN_EXCEPTION');
    await addFault({ upstream: 'whmcs', mode: 'garbage' });
    const garbage = await whmcs();
    expect(garbage.statusCode).toBe(200);
    expect(() => JSON.parse(garbage.body) as unknown).toThrow();
  });

  it('latency delays the answer', async () => {
    await addFault({ upstream: 'whmcs', mode: 'latency', latencyMs: 300 });
    const started = Date.now();
    const res = await whmcs();
    expect(res.statusCode).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
  });

  it('timeout never answers: the client gives up', async () => {
    await addFault({ upstream: 'whmcs', action: 'GetInvoices', mode: 'timeout' });
    const started = Date.now();
    await expect(
      fetch(`${baseUrl}/includes/api.php`, {
        method: 'POST',
        headers: formHeaders,
        body: form,
        signal: AbortSignal.timeout(400),
      }),
    ).rejects.toThrow();
    expect(Date.now() - started).toBeGreaterThanOrEqual(390);
  });

  it('probability 0 never fires; DELETE /__admin/faults clears everything', async () => {
    await addFault({ upstream: 'whmcs', mode: 'error', probability: 0 });
    expect((await whmcs()).statusCode).toBe(200);
    await addFault({ upstream: 'whmcs', mode: 'error' });
    expect((await whmcs()).statusCode).toBe(500);
    expect((await sb.app.inject({ method: 'DELETE', url: '/__admin/faults' })).statusCode).toBe(204);
    expect((await whmcs()).statusCode).toBe(200);
    const state = (await sb.app.inject({ method: 'GET', url: '/__admin/state' })).json<{
      faults: unknown[];
    }>();
    expect(state.faults).toEqual([]);
  });

  it('reset reseeds the data and the admin page is served', async () => {
    await sb.app.inject({ method: 'POST', url: '/__admin/whmcs/invoices/1008/mark-paid' });
    expect(sb.store.invoice(1008)?.status).toBe('Paid');
    await sb.app.inject({ method: 'POST', url: '/__admin/reset' });
    expect(sb.store.invoice(1008)?.status).toBe('Unpaid');
    const page = await sb.app.inject({ method: 'GET', url: '/__admin' });
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.body).toContain('Mark paid');
  });

  it('counts calls per action (Salesforce queries also per sObject) until reset', async () => {
    await sb.app.inject({ method: 'DELETE', url: '/__admin/calls' });
    await whmcs();
    await whmcs();
    const token = await sfToken();
    await sb.app.inject({
      method: 'GET',
      url: '/services/data/v62.0/query?q=SELECT+Id+FROM+Case',
      headers: { authorization: `Bearer ${token}` },
    });
    const calls = (await sb.app.inject({ method: 'GET', url: '/__admin/calls' })).json<{
      whmcs: Record<string, number>;
      salesforce: Record<string, number>;
    }>();
    expect(calls.whmcs).toEqual({ GetInvoices: 2 });
    expect(calls.salesforce).toEqual({ oauth: 1, query: 1, 'query Case': 1 });
    expect((await sb.app.inject({ method: 'DELETE', url: '/__admin/calls' })).statusCode).toBe(204);
    expect(
      (await sb.app.inject({ method: 'GET', url: '/__admin/state' })).json<{ calls: { whmcs: object } }>()
        .calls.whmcs,
    ).toEqual({});
  });

  it('rate_limit answers the Retry-After asked', async () => {
    await addFault({ upstream: 'whmcs', mode: 'rate_limit', retryAfterS: 2 });
    await addFault({ upstream: 'salesforce', action: 'query', mode: 'rate_limit', retryAfterS: 3 });
    expect((await whmcs()).headers['retry-after']).toBe('2');
    const token = await sfToken();
    const res = await sb.app.inject({
      method: 'GET',
      url: '/services/data/v62.0/query?q=SELECT+Id+FROM+Case',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(403);
    expect(res.headers['retry-after']).toBe('3');
  });
});

describe('sandbox metrics', () => {
  it('counts every call in sandbox_upstream_calls_total under its most specific name, whatever the resets', async () => {
    const faults = new FaultsService();
    faults.count('salesforce', ['query', 'query Case']);
    faults.count('whmcs', ['GetInvoices']);
    faults.resetCalls();
    faults.count('whmcs', ['GetInvoices']);
    const text = await faults.registry.metrics();
    expect(text).toContain('sandbox_upstream_calls_total{upstream="salesforce",action="query Case"} 1');
    expect(text).toContain('sandbox_upstream_calls_total{upstream="whmcs",action="GetInvoices"} 2');
    expect(faults.calls().whmcs).toEqual({ GetInvoices: 1 });
  });
});

describe('GET /metrics', () => {
  it('serves the call counter in Prometheus text format', async () => {
    expect((await whmcs()).statusCode).toBe(200);
    const res = await sb.app.inject({ method: 'GET', url: '/metrics' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('sandbox_upstream_calls_total{upstream="whmcs",action="GetInvoices"} 1');
  });
});
