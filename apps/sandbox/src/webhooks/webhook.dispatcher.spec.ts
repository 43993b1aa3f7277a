import Fastify, { type FastifyInstance } from 'fastify';
import { Webhook } from 'standardwebhooks';
import { buildSandbox, type Sandbox } from '../sandbox.app';

const WHMCS_SECRET = 'whsec_cG9ydGljby1kZXYtd2hjbXMtd2ViaG9vay1zZWNyZXQ=';
const SF_SECRET = 'whsec_cG9ydGljby1kZXYtc2FsZXNmb3JjZS13ZWJob29rLXNlY3JldA==';

interface Received {
  path: string;
  headers: Record<string, string>;
  raw: string;
}

let receiver: FastifyInstance;
let received: Received[];
let failFirst: number;
let sb: Sandbox;

beforeEach(async () => {
  received = [];
  failFirst = 0;
  receiver = Fastify();
  receiver.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );
  receiver.post('/webhooks/:provider', async (request, reply) => {
    received.push({
      path: request.url,
      headers: request.headers as Record<string, string>,
      raw: request.body as string,
    });
    if (failFirst > 0) {
      failFirst -= 1;
      return reply.code(503).send();
    }
    return reply.code(204).send();
  });
  const target = await receiver.listen({ port: 0, host: '127.0.0.1' });
  sb = buildSandbox({ env: { SANDBOX_WEBHOOK_TARGET: target }, webhookRetryDelaysMs: [10, 10, 10] });
});
afterEach(async () => {
  await sb.app.close();
  await receiver.close();
});

describe('signed webhooks', () => {
  it('delivers InvoicePaid from mark-paid, verifiable with standardwebhooks', async () => {
    const res = await sb.app.inject({ method: 'POST', url: '/__admin/whmcs/invoices/1008/mark-paid' });
    expect(res.statusCode).toBe(200);
    await sb.webhooks.idle();
    expect(received).toHaveLength(1);
    const [msg] = received;
    expect(msg?.path).toBe('/webhooks/whmcs');
    const payload = new Webhook(WHMCS_SECRET).verify(msg?.raw ?? '', msg?.headers ?? {}) as Record<
      string,
      unknown
    >;
    expect(payload).toMatchObject({ event: 'InvoicePaid', userid: 1, params: { invoiceid: 1008 } });
    expect(typeof payload.occurredAt).toBe('string');
    // The other provider's secret does not verify it.
    expect(() => new Webhook(SF_SECRET).verify(msg?.raw ?? '', msg?.headers ?? {})).toThrow();
    // A second mark-paid is a conflict and sends nothing.
    expect(
      (await sb.app.inject({ method: 'POST', url: '/__admin/whmcs/invoices/1008/mark-paid' })).statusCode,
    ).toBe(409);
    expect(
      (await sb.app.inject({ method: 'POST', url: '/__admin/whmcs/invoices/42/mark-paid' })).statusCode,
    ).toBe(404);
  });

  it('delivers CaseChanged for admin-created cases and status changes, with the Salesforce secret', async () => {
    const created = await sb.app.inject({
      method: 'POST',
      url: '/__admin/salesforce/cases',
      payload: { accountId: '001A0000003InitAAA', subject: 'Broken', priority: 'High' },
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json<{ id: string }>();
    const changed = await sb.app.inject({
      method: 'POST',
      url: `/__admin/salesforce/cases/${id}/status`,
      payload: { status: 'Closed' },
    });
    expect(changed.json()).toMatchObject({ status: 'Closed', isClosed: true });
    await sb.webhooks.idle();
    expect(received).toHaveLength(2);
    for (const msg of received) {
      expect(msg.path).toBe('/webhooks/salesforce');
      expect(new Webhook(SF_SECRET).verify(msg.raw, msg.headers)).toMatchObject({
        event: 'CaseChanged',
        sobject: 'Case',
        recordId: id,
        accountId: '001A0000003InitAAA',
      });
    }
    expect(
      (
        await sb.app.inject({
          method: 'POST',
          url: `/__admin/salesforce/cases/${id}/status`,
          payload: { status: 'Nope' },
        })
      ).statusCode,
    ).toBe(400);
  });

  it('delivers InvoiceCreated for admin-created invoices and validates the body', async () => {
    const res = await sb.app.inject({
      method: 'POST',
      url: '/__admin/whmcs/invoices',
      payload: { userid: 2, items: [{ description: 'Consulting & setup', amount: '120.50' }] },
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ invoiceid: 1019, total: '120.50' });
    await sb.webhooks.idle();
    expect(
      new Webhook(WHMCS_SECRET).verify(received[0]?.raw ?? '', received[0]?.headers ?? {}),
    ).toMatchObject({ event: 'InvoiceCreated', userid: 2, params: { invoiceid: 1019 } });
    const bad = await sb.app.inject({
      method: 'POST',
      url: '/__admin/whmcs/invoices',
      payload: { userid: 2, items: [{ description: 'x', amount: 'lots' }] },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ error: 'validation_failed', details: [{ path: 'items.0.amount' }] });
  });

  it('retries a failed delivery with the same webhook-id and logs the attempts', async () => {
    failFirst = 2;
    await sb.app.inject({ method: 'POST', url: '/__admin/whmcs/invoices/1007/mark-paid' });
    await sb.webhooks.idle();
    expect(received).toHaveLength(3);
    expect(new Set(received.map((r) => r.headers['webhook-id'])).size).toBe(1);
    const state = (await sb.app.inject({ method: 'GET', url: '/__admin/state' })).json<{
      webhooks: Array<{ state: string; attempts: Array<{ status?: number }> }>;
    }>();
    expect(state.webhooks[0]).toMatchObject({ state: 'delivered' });
    expect(state.webhooks[0]?.attempts.map((a) => a.status)).toEqual([503, 503, 204]);
  });

  it('gives up after the retries and marks the delivery failed', async () => {
    failFirst = 10;
    await sb.app.inject({ method: 'POST', url: '/__admin/whmcs/invoices/1007/mark-paid' });
    await sb.webhooks.idle();
    expect(received).toHaveLength(4);
    expect(sb.webhooks.deliveries()[0]?.state).toBe('failed');
  });
});
