import { randomUUID } from 'node:crypto';
import { invoiceDetailSchema, meSchema, type RealtimeEvent } from '@portico/domain';
import { io, type Socket } from 'socket.io-client';
import { Webhook } from 'standardwebhooks';
import type { Env } from '../../src/core/config/env';
import { PrismaService } from '../../src/core/prisma/prisma.service';
import { WebhookRecoveryService } from '../../src/modules/webhooks/webhook-recovery.service';
import { createTestApp, webhookTargetPort, type TestApp } from '../support/test-app';
import { loginAs } from '../support/login';
import { systemPrisma } from '../support/system-prisma';
import { eventually } from '../support/eventually';

describe('webhooks (integration)', () => {
  let t: TestApp;
  let env: Env;
  let sandbox: string;
  let cookie: string;
  let acme: string;
  let socket: Socket;
  let received: RealtimeEvent[];

  function signedHeaders(
    body: string,
    id: string,
    at = new Date(),
    secret = env.WHMCS_WEBHOOK_SECRET,
  ): Record<string, string> {
    return {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, at, body),
    };
  }

  async function post(
    path: string,
    body: string,
    headers: Record<string, string>,
  ): Promise<{ status: number; text: string }> {
    const res = await fetch(`${t.url}${path}`, { method: 'POST', headers, body });
    return { status: res.status, text: await res.text() };
  }

  let prisma: PrismaService;

  function rows(deliveryId: string): Promise<number> {
    return prisma.webhookDelivery.count({ where: { deliveryId } });
  }

  async function waitFor<T>(find: () => T | undefined, ms = 5000): Promise<T> {
    try {
      return await eventually(
        () => {
          const found = find();
          if (found === undefined) throw new Error('not yet');
          return found;
        },
        { timeoutMs: ms, intervalMs: 50 },
      );
    } catch {
      throw new Error(
        `timed out waiting: ${JSON.stringify(await (await fetch(`${sandbox}/__admin/state`)).json()).slice(0, 1500)}`,
      );
    }
  }

  beforeAll(async () => {
    // Listen where the sandbox delivers its webhooks.
    t = await createTestApp({ PORT: webhookTargetPort() });
    prisma = systemPrisma(t.app.get(PrismaService));
    env = t.env;
    sandbox = new URL(env.SALESFORCE_LOGIN_URL).origin;
    cookie = await loginAs(t.url, 'owner@acme.example');
    const meRes = await fetch(`${t.url}/api/v1/me`, { headers: { cookie } });
    const me = meSchema.parse(await meRes.json());
    acme = me.memberships.find((m) => m.accountName === 'Acme Hosting Ltd')?.accountId ?? '';

    received = [];
    socket = io(t.url, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
    for (const type of ['account_update', 'billing_alert', 'usage_changed'] as const) {
      socket.on(type, (event: RealtimeEvent) => received.push(event));
    }
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const ack = (await socket.timeout(5000).emitWithAck('join_account', { accountId: acme })) as {
      ok: boolean;
    };
    expect(ack).toEqual({ ok: true });
  });
  afterAll(async () => {
    socket?.close();
    await fetch(`${sandbox}/__admin/reset`, { method: 'POST' });
    await t.close();
  });
  beforeEach(() => {
    received = [];
  });

  it('delivers billing_alert to the account room after the sandbox marks an invoice paid', async () => {
    const createdRes = await fetch(`${sandbox}/__admin/whmcs/invoices`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userid: 1, items: [{ description: 'Extra backup storage', amount: '12.50' }] }),
    });
    expect(createdRes.status).toBe(201);
    const invoiceId = String(((await createdRes.json()) as { invoiceid: number }).invoiceid);
    const createdAlert = await waitFor(() => received.find((e) => e.type === 'billing_alert'));
    expect(createdAlert.payload).toEqual({ kind: 'invoice_created', invoiceId, status: 'unpaid' });
    const res = await fetch(`${t.url}/api/v1/accounts/${acme}/invoices/${invoiceId}`, {
      headers: { cookie },
    });
    const invoice = invoiceDetailSchema.parse(await res.json());
    expect(invoice.status).toBe('unpaid');
    received = [];

    const marked = await fetch(`${sandbox}/__admin/whmcs/invoices/${invoice.id}/mark-paid`, {
      method: 'POST',
    });
    expect(marked.ok).toBe(true);

    const alert = await waitFor(() => received.find((e) => e.type === 'billing_alert'));
    expect(alert).toMatchObject({
      type: 'billing_alert',
      accountId: acme,
      payload: { kind: 'invoice_paid', invoiceId: invoice.id, status: 'paid' },
    });
    const update = await waitFor(() => received.find((e) => e.type === 'account_update'));
    expect(update.payload).toMatchObject({ blocks: ['billing'] });

    // The billing block was invalidated: the dashboard shows the invoice as no longer open.
    const statusRes = await fetch(`${t.url}/api/v1/accounts/${acme}/status`, { headers: { cookie } });
    const status = (await statusRes.json()) as { billing: { data: { nextInvoice: { id: string } | null } } };
    expect(status.billing.data.nextInvoice?.id).not.toBe(invoice.id);
  });

  it('rejects a bad signature with 401 and records nothing', async () => {
    const id = `msg_${randomUUID()}`;
    const body = JSON.stringify({
      event: 'ClientEdit',
      occurredAt: new Date().toISOString(),
      userid: 1,
      params: {},
    });
    const headers = signedHeaders(body, id);
    const res = await post('/webhooks/whmcs', body.replace('ClientEdit', 'InvoicePaid'), headers);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.text)).toMatchObject({ code: 'webhook_signature_invalid' });
    expect(await rows(id)).toBe(0);

    // Signed with the other provider's secret.
    const wrongSecret = await post(
      '/webhooks/whmcs',
      body,
      signedHeaders(body, id, new Date(), env.SALESFORCE_WEBHOOK_SECRET),
    );
    expect(wrongSecret.status).toBe(401);
    // Too old.
    const old = await post(
      '/webhooks/whmcs',
      body,
      signedHeaders(body, id, new Date(Date.now() - (env.WEBHOOK_TOLERANCE_SECONDS + 60) * 1000)),
    );
    expect(old.status).toBe(401);
    expect(await rows(id)).toBe(0);
  });

  it('answers 400 with details for a signed body that does not match the schema', async () => {
    const id = `msg_${randomUUID()}`;
    const body = JSON.stringify({ event: 'ClientEdit', userid: 'abc' });
    const res = await post('/webhooks/whmcs', body, signedHeaders(body, id));
    expect(res.status).toBe(400);
    const parsed = JSON.parse(res.text) as { code: string; details: { path: string }[] };
    expect(parsed.code).toBe('validation_failed');
    expect(parsed.details.map((d) => d.path)).toEqual(
      expect.arrayContaining(['body.occurredAt', 'body.userid']),
    );
    expect(await rows(id)).toBe(0);
  });

  it('has one effect for a redelivered webhook-id', async () => {
    const id = `msg_${randomUUID()}`;
    const body = JSON.stringify({
      event: 'ClientEdit',
      occurredAt: new Date().toISOString(),
      userid: 1,
      params: {},
    });
    expect((await post('/webhooks/whmcs', body, signedHeaders(body, id))).status).toBe(204);
    expect((await post('/webhooks/whmcs', body, signedHeaders(body, id))).status).toBe(204);

    await waitFor(() => received.find((e) => e.type === 'account_update'));
    // real wait: a second job would run beside the first (no order between jobs): give a duplicate time to show.
    await new Promise((r) => setTimeout(r, 500));
    expect(received.filter((e) => e.type === 'account_update')).toHaveLength(1);
    expect(received[0]?.payload).toMatchObject({ blocks: ['profile'], reason: 'whmcs:ClientEdit' });
    expect(await rows(id)).toBe(1);
    const row = await prisma.webhookDelivery.findFirstOrThrow({ where: { deliveryId: id } });
    expect(row).toMatchObject({ provider: 'whmcs', status: 'processed', accountId: acme, attempts: 1 });
  });

  it('marks a delivery for an unknown client ignored', async () => {
    const id = `msg_${randomUUID()}`;
    const body = JSON.stringify({
      event: 'ClientEdit',
      occurredAt: new Date().toISOString(),
      userid: 999,
      params: {},
    });
    expect((await post('/webhooks/whmcs', body, signedHeaders(body, id))).status).toBe(204);
    await eventually(
      async () =>
        expect(
          (await prisma.webhookDelivery.findFirstOrThrow({ where: { deliveryId: id } })).status,
        ).not.toBe('received'),
      { intervalMs: 50 },
    );
    expect((await prisma.webhookDelivery.findFirstOrThrow({ where: { deliveryId: id } })).status).toBe(
      'ignored',
    );
  });

  it('relays a Salesforce case change as account_update', async () => {
    const created = await fetch(`${sandbox}/__admin/salesforce/cases`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ accountId: '001A0000001AcmeAAA', subject: 'Created in the CRM' }),
    });
    expect(created.ok).toBe(true);
    const update = await waitFor(() => received.find((e) => e.type === 'account_update'));
    expect(update).toMatchObject({ accountId: acme, payload: { blocks: ['cases'] } });
  });

  it('processes a delivery that was recorded but left unprocessed when the process stopped', async () => {
    const id = `msg_${randomUUID()}`;
    // As the intake leaves it when the process dies right after answering 2xx.
    await prisma.webhookDelivery.create({
      data: {
        provider: 'whmcs',
        deliveryId: id,
        eventType: 'ClientEdit',
        status: 'received',
        payload: { event: 'ClientEdit', occurredAt: new Date().toISOString(), userid: 1, params: {} },
      },
    });
    const picked = await t.app.get(WebhookRecoveryService).recover();
    expect(picked).toBeGreaterThanOrEqual(1);
    const row = await eventually(
      async () => {
        const current = await prisma.webhookDelivery.findFirstOrThrow({ where: { deliveryId: id } });
        expect(current.status).not.toBe('received');
        return current;
      },
      { intervalMs: 50 },
    );
    expect(row).toMatchObject({ status: 'processed', accountId: acme, attempts: 1 });
    const update = await waitFor(() => received.find((e) => e.type === 'account_update'));
    expect(update.payload).toMatchObject({ blocks: ['profile'] });
    // A second pass finds nothing left of it.
    await t.app.get(WebhookRecoveryService).recover();
    expect((await prisma.webhookDelivery.findFirstOrThrow({ where: { deliveryId: id } })).attempts).toBe(1);
  });
});
