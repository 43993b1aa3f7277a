import { randomUUID } from 'node:crypto';
import { meSchema, webhookDeliveryPageSchema, type RealtimeEvent } from '@portico/domain';
import { Webhook } from 'standardwebhooks';
import { EventBus } from '../../src/core/events/event-bus.port';
import { PrismaService } from '../../src/core/prisma/prisma.service';
import { systemPrisma } from '../support/system-prisma';
import { ReconciliationService } from '../../src/modules/reconciliation/reconciliation.service';
import { loginAs, sessionHeaders } from '../support/login';
import { createTestApp, webhookTargetPort, type TestApp } from '../support/test-app';
import { until } from '../support/until';

const ORG_ID = '00DA0000000SbxPAAQ';
const ACME_SF = '001A0000001AcmeAAA';

/** A Salesforce Outbound Message envelope with one notification per `[notificationId, caseId, accountId]`. */
function outboundMessage(notifications: Array<[string, string, string | null]>, orgId = ORG_ID): string {
  const items = notifications
    .map(
      ([id, caseId, accountId]) =>
        `<Notification><Id>${id}</Id><sObject xsi:type="sf:Case" xmlns:sf="urn:sobject.enterprise.soap.sforce.com">` +
        `<sf:Id>${caseId}</sf:Id>${accountId === null ? '<sf:AccountId xsi:nil="true"/>' : `<sf:AccountId>${accountId}</sf:AccountId>`}<sf:Status>New</sf:Status></sObject></Notification>`,
    )
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<soapenv:Body><notifications xmlns="http://soap.sforce.com/2005/09/outbound"><OrganizationId>${orgId}</OrganizationId><ActionId>04kA0000000PortAAA</ActionId>` +
    `<SessionId>00Dsecret!session</SessionId><EnterpriseUrl>https://x/services/Soap/c/62.0</EnterpriseUrl><PartnerUrl>https://x/services/Soap/u/62.0</PartnerUrl>${items}</notifications></soapenv:Body></soapenv:Envelope>`
  );
}

const notificationId = () => `04l${randomUUID().replace(/-/g, '').slice(0, 15)}`;

describe('webhook pipeline (integration)', () => {
  let t: TestApp;
  let sandbox: string;
  let prisma: PrismaService;
  let acme: string;
  let events: RealtimeEvent[];
  let stop: () => void;

  function signed(
    body: string,
    id = `msg_${randomUUID()}`,
    at = new Date(),
    secret = t.env.WHMCS_WEBHOOK_SECRET,
  ): Record<string, string> {
    return {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(secret).sign(id, at, body),
    };
  }

  const post = (path: string, body: string, headers: Record<string, string>) =>
    fetch(`${t.url}${path}`, { method: 'POST', headers, body });
  const postXml = (body: string) =>
    post('/webhooks/salesforce/outbound', body, {
      'content-type': 'text/xml; charset=utf-8',
      soapaction: '""',
    });
  const delivery = (deliveryId: string) => prisma.webhookDelivery.findFirst({ where: { deliveryId } });
  const settled = (deliveryId: string, statuses = ['processed', 'ignored', 'dead_lettered']) =>
    until(async () => {
      const row = await delivery(deliveryId);
      return row && statuses.includes(row.status) ? row : undefined;
    }, `delivery ${deliveryId} to settle`);

  beforeAll(async () => {
    t = await createTestApp({
      PORT: webhookTargetPort(),
      WEBHOOK_MAX_ATTEMPTS: 2,
      WEBHOOK_RETRY_BASE_DELAY_MS: 50,
    });
    sandbox = new URL(t.env.SALESFORCE_LOGIN_URL).origin;
    prisma = systemPrisma(t.app.get(PrismaService));
    const cookie = await loginAs(t.url, 'owner@acme.example');
    const me = meSchema.parse(await (await fetch(`${t.url}/api/v1/me`, { headers: { cookie } })).json());
    acme = me.memberships.find((m) => m.accountName === 'Acme Hosting Ltd')?.accountId ?? '';
    events = [];
    // The effects of webhooks and reconciliation only (usage samples publish usage_changed on the same bus).
    stop = t.app.get(EventBus).subscribe((e) => {
      if (e.type === 'account_update' || e.type === 'billing_alert') events.push(e);
    });
  });
  afterAll(async () => {
    stop?.();
    await fetch(`${sandbox}/__admin/faults`, { method: 'DELETE' });
    await fetch(`${sandbox}/__admin/reset`, { method: 'POST' });
    await t.close();
  });
  beforeEach(() => {
    events = [];
  });

  describe('Salesforce Outbound Messages', () => {
    it('acknowledges once every notification is recorded, one row per notification id, and processes them', async () => {
      const [n1, n2] = [notificationId(), notificationId()];
      const res = await postXml(
        outboundMessage([
          [n1, '500A0000001CaseAAA', ACME_SF],
          [n2, '500A0000002CaseAAA', ACME_SF],
        ]),
      );
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/xml');
      expect(await res.text()).toMatch(
        /<notificationsResponse xmlns="http:\/\/soap.sforce.com\/2005\/09\/outbound"><Ack>true<\/Ack><\/notificationsResponse>/,
      );
      const row = await settled(n1);
      expect(row).toMatchObject({
        provider: 'salesforce',
        eventType: 'CaseChanged',
        status: 'processed',
        accountId: acme,
      });
      expect(JSON.stringify(row.payload)).not.toContain('secret!session');
      await settled(n2);
      const updates = await until(
        () => (events.filter((e) => e.type === 'account_update').length >= 2 ? events : undefined),
        'two account updates',
      );
      expect(updates.find((e) => e.type === 'account_update')?.payload).toMatchObject({
        blocks: ['cases'],
        reason: 'salesforce:CaseChanged',
      });
    });

    it('acknowledges a redelivered notification and ignores it', async () => {
      const n = notificationId();
      const xml = outboundMessage([[n, '500A0000003CaseAAA', ACME_SF]]);
      expect((await postXml(xml)).status).toBe(200);
      await settled(n);
      events = [];
      const again = await postXml(xml);
      expect(again.status).toBe(200);
      expect(await again.text()).toContain('<Ack>true</Ack>');
      expect(await prisma.webhookDelivery.count({ where: { deliveryId: n } })).toBe(1);
      // real wait: jobs run side by side (no order to wait on): give a wrongly queued second run time to show.
      await new Promise((r) => setTimeout(r, 300));
      expect(events).toEqual([]);
    });

    it('accepts the 15-character form of the organization id', async () => {
      const n = notificationId();
      expect(
        (await postXml(outboundMessage([[n, '500A0000004CaseAAA', ACME_SF]], ORG_ID.slice(0, 15)))).status,
      ).toBe(200);
      await settled(n);
    });

    it('refuses another organization (401), unparseable XML and non-messages (400), recording nothing', async () => {
      const n = notificationId();
      const wrongOrg = await postXml(
        outboundMessage([[n, '500A0000005CaseAAA', ACME_SF]], '00DB0000000OtherAAA'.slice(0, 18)),
      );
      expect(wrongOrg.status).toBe(401);
      expect(await wrongOrg.json()).toMatchObject({ code: 'webhook_signature_invalid' });

      const broken = await postXml(
        outboundMessage([[n, '500A0000005CaseAAA', ACME_SF]]).replace('</notifications>', ''),
      );
      expect(broken.status).toBe(400);
      expect(((await broken.json()) as { details: Array<{ message: string }> }).details[0]?.message).toMatch(
        /not well-formed XML/,
      );

      const notSoap = await postXml('<?xml version="1.0"?><hello/>');
      expect(notSoap.status).toBe(400);
      const doctype = await postXml(
        `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>${outboundMessage([[n, '500A0000005CaseAAA', ACME_SF]]).slice(38)}`,
      );
      expect(doctype.status).toBe(400);
      const tooMany = await postXml(
        outboundMessage(
          Array.from(
            { length: 101 },
            () => [notificationId(), '500A0000005CaseAAA', ACME_SF] as [string, string, string],
          ),
        ),
      );
      expect(tooMany.status).toBe(400);
      expect(JSON.stringify(await tooMany.json())).toContain('at most 100');
      expect(await prisma.webhookDelivery.count({ where: { deliveryId: n } })).toBe(0);
    });

    it('receives what the sandbox sends for a Case change', async () => {
      const state = (await (await fetch(`${sandbox}/__admin/state`)).json()) as {
        cases: Array<{ Id: string; AccountId: string }>;
      };
      const acmeCase = state.cases.find((c) => c.AccountId === ACME_SF);
      const res = await fetch(`${sandbox}/__admin/salesforce/outbound-messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ caseIds: [acmeCase?.Id] }),
      });
      expect(res.status).toBe(202);
      const { payload } = (await res.json()) as { payload: { notifications: Array<{ id: string }> } };
      const row = await settled(payload.notifications[0]?.id ?? '').catch(async (e: unknown) => {
        throw new Error(
          `${String(e)}: ${JSON.stringify(((await (await fetch(`${sandbox}/__admin/state`)).json()) as { webhooks: unknown[] }).webhooks.slice(0, 2))}`,
        );
      });
      expect(row).toMatchObject({ status: 'processed', accountId: acme, eventType: 'CaseChanged' });
    });
  });

  describe('Standard Webhooks intake', () => {
    it('has one effect for the same delivery sent three times', async () => {
      const id = `msg_${randomUUID()}`;
      const body = JSON.stringify({
        event: 'ClientEdit',
        occurredAt: new Date().toISOString(),
        userid: 1,
        params: {},
      });
      for (let i = 0; i < 3; i += 1)
        expect((await post('/webhooks/whmcs', body, signed(body, id))).status).toBe(204);
      await settled(id);
      // real wait: jobs run side by side (no order to wait on): give a wrongly queued second run time to show.
      await new Promise((r) => setTimeout(r, 300));
      expect(events.filter((e) => e.type === 'account_update')).toHaveLength(1);
      expect(await prisma.webhookDelivery.count({ where: { deliveryId: id } })).toBe(1);
    });

    const valid = () =>
      JSON.stringify({ event: 'ClientEdit', occurredAt: new Date().toISOString(), userid: 1, params: {} });
    it.each<[string, () => { body: string; headers: Record<string, string> }, number]>([
      [
        'missing signature headers',
        () => ({ body: valid(), headers: { 'content-type': 'application/json' } }),
        401,
      ],
      [
        'a bad signature',
        () => ({ body: valid(), headers: { ...signed(valid()), 'webhook-signature': 'v1,AAAA' } }),
        401,
      ],
      [
        'a timestamp older than 5 minutes',
        () => ({ body: valid(), headers: signed(valid(), undefined, new Date(Date.now() - 301_000)) }),
        401,
      ],
      ['a signed body that is not JSON', () => ({ body: '{"event":', headers: signed('{"event":') }), 400],
    ])('refuses %s, recording nothing', async (_name, request, status) => {
      const { body, headers } = request();
      const res = await post('/webhooks/whmcs', body, headers);
      expect(res.status).toBe(status);
      if (headers['webhook-id'])
        expect(await prisma.webhookDelivery.count({ where: { deliveryId: headers['webhook-id'] } })).toBe(0);
    });

    it('marks a delivery for an unknown account ignored without retrying it', async () => {
      const id = `msg_${randomUUID()}`;
      const body = JSON.stringify({
        event: 'InvoicePaid',
        occurredAt: new Date().toISOString(),
        userid: 4242,
        params: { invoiceid: 1 },
      });
      expect((await post('/webhooks/whmcs', body, signed(body, id))).status).toBe(204);
      expect(await settled(id)).toMatchObject({ status: 'ignored', attempts: 1, lastError: null });
    });
  });

  describe('retries and dead letters', () => {
    afterEach(async () => {
      await fetch(`${sandbox}/__admin/faults`, { method: 'DELETE' });
    });

    it('retries a failing delivery, dead-letters it after the last attempt, and a replay processes it (audited)', async () => {
      await fetch(`${sandbox}/__admin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ upstream: 'whmcs', action: 'GetInvoice', mode: 'error', status: 500 }),
      });
      const id = `msg_${randomUUID()}`;
      // No userid: the owner must be read from WHMCS, which fails.
      const body = JSON.stringify({
        event: 'InvoicePaid',
        occurredAt: new Date().toISOString(),
        userid: null,
        params: { invoiceid: 1001 },
      });
      expect((await post('/webhooks/whmcs', body, signed(body, id))).status).toBe(204);
      const dead = await settled(id);
      expect(dead).toMatchObject({ status: 'dead_lettered', attempts: 2 });
      expect(dead.lastError).toBeTruthy();
      expect(events.filter((e) => e.type === 'billing_alert')).toEqual([]);

      // Visible to platform admins only: anyone else gets 404, as if the route did not exist.
      const customer = await loginAs(t.url, 'owner@acme.example');
      expect(
        (
          await fetch(`${t.url}/api/v1/admin/webhook-deliveries?status=dead_lettered`, {
            headers: { cookie: customer },
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await fetch(`${t.url}/api/v1/admin/webhook-deliveries/${dead.id}/replay`, {
            method: 'POST',
            headers: sessionHeaders(customer),
          })
        ).status,
      ).toBe(404);
      expect(await prisma.webhookDelivery.findUniqueOrThrow({ where: { id: dead.id } })).toMatchObject({
        status: 'dead_lettered',
      });

      const adminUser = await prisma.user.update({
        where: { email: 'owner@initech.example' },
        data: { platformAdmin: true },
      });
      try {
        const cookie = await loginAs(t.url, 'owner@initech.example');
        const listRes = await fetch(
          `${t.url}/api/v1/admin/webhook-deliveries?status=dead_lettered&pageSize=100`,
          { headers: { cookie } },
        );
        expect(listRes.status).toBe(200);
        const listed = webhookDeliveryPageSchema.parse(await listRes.json());
        expect(listed.items.every((d) => d.status === 'dead_lettered')).toBe(true);
        expect(listed.items.find((d) => d.deliveryId === id)).toMatchObject({
          attempts: 2,
          provider: 'whmcs',
          eventType: 'InvoicePaid',
        });
        const badQuery = await fetch(`${t.url}/api/v1/admin/webhook-deliveries?status=lost`, {
          headers: { cookie },
        });
        expect(badQuery.status).toBe(400);

        await fetch(`${sandbox}/__admin/faults`, { method: 'DELETE' });
        const replayRes = await fetch(`${t.url}/api/v1/admin/webhook-deliveries/${dead.id}/replay`, {
          method: 'POST',
          headers: sessionHeaders(cookie, { 'x-request-id': 'req-replay-1' }),
        });
        expect(replayRes.status).toBe(202);
        expect(await replayRes.json()).toMatchObject({ id: dead.id, status: 'received' });
        const done = await settled(id, ['processed']);
        expect(done).toMatchObject({ status: 'processed', accountId: acme, attempts: 3 });
        await until(() => events.find((e) => e.type === 'billing_alert'), 'billing alert after replay');
        const audit = await prisma.auditEvent.findFirst({
          where: { action: 'webhook.replayed', target: `webhook_delivery:${dead.id}` },
        });
        expect(audit).toMatchObject({ actorUserId: adminUser.id, requestId: 'req-replay-1' });

        // Only dead letters (and ignored deliveries) can be replayed.
        const again = await fetch(`${t.url}/api/v1/admin/webhook-deliveries/${dead.id}/replay`, {
          method: 'POST',
          headers: sessionHeaders(cookie),
        });
        expect(again.status).toBe(409);
        const unknown = await fetch(`${t.url}/api/v1/admin/webhook-deliveries/${randomUUID()}/replay`, {
          method: 'POST',
          headers: sessionHeaders(cookie),
        });
        expect(unknown.status).toBe(404);
      } finally {
        await prisma.user.update({ where: { id: adminUser.id }, data: { platformAdmin: false } });
      }
    });
  });

  describe('reconciliation', () => {
    it('catches a change made without a webhook within one run', async () => {
      const reconciliation = t.app.get(ReconciliationService);
      // Earlier suites' webhooks (the sandbox retries for seconds) are delivered and processed first, so that
      // only what this test changes can reach the event bus.
      await until(
        async () => {
          const sent = (await (await fetch(`${sandbox}/__admin/state`)).json()) as {
            webhooks: Array<{ state: string }>;
          };
          return sent.webhooks.every((w) => w.state !== 'pending') ? true : undefined;
        },
        'the sandbox to finish sending its webhooks',
        30_000,
      );
      await until(
        async () =>
          (await prisma.webhookDelivery.count({ where: { status: { in: ['received', 'failed'] } } })) === 0
            ? true
            : undefined,
        'every webhook delivery to be processed',
        30_000,
      );
      await reconciliation.runOnce(); // baseline (or catch-up of earlier tests' changes)
      await reconciliation.runOnce();
      events = [];
      const state = (await (await fetch(`${sandbox}/__admin/state`)).json()) as {
        invoices: Array<{ id: number; userid: number; status: string }>;
        webhooks: unknown[];
      };
      const unpaid = state.invoices.find((i) => i.userid === 1 && i.status === 'Unpaid');
      expect(unpaid).toBeDefined();
      const before = state.webhooks.length;
      const marked = await fetch(`${sandbox}/__admin/whmcs/invoices/${unpaid?.id}/mark-paid?webhook=false`, {
        method: 'POST',
      });
      expect(marked.ok).toBe(true);
      const caseState = state as unknown as {
        cases: Array<{ Id: string; AccountId: string; Status: string }>;
      };
      const acmeCase = caseState.cases.find((c) => c.AccountId === ACME_SF && c.Status !== 'Escalated');
      await fetch(`${sandbox}/__admin/salesforce/cases/${acmeCase?.Id}/status?webhook=false`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ status: 'Escalated' }),
      });
      const after = (await (await fetch(`${sandbox}/__admin/state`)).json()) as { webhooks: unknown[] };
      expect(after.webhooks.length).toBe(before);
      // real wait: that no webhook comes can only be seen by letting time pass.
      await new Promise((r) => setTimeout(r, 200));
      expect(events).toEqual([]);

      const report = await reconciliation.runOnce();
      expect(report.changes).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ accountId: acme, kind: 'invoices', changed: [String(unpaid?.id)] }),
          expect.objectContaining({ accountId: acme, kind: 'cases', changed: [acmeCase?.Id] }),
        ]),
      );
      const alert = await until(
        () => events.find((e) => e.type === 'billing_alert'),
        'billing alert from reconciliation',
      );
      expect(alert).toMatchObject({
        accountId: acme,
        payload: { kind: 'invoice_paid', invoiceId: String(unpaid?.id), status: 'paid' },
      });
      const reasons = events
        .filter((e) => e.type === 'account_update')
        .map((e) => (e.payload as { reason: string }).reason);
      expect(reasons).toEqual(expect.arrayContaining(['reconciliation:invoices', 'reconciliation:cases']));

      // Nothing new: nothing emitted.
      events = [];
      const quiet = await reconciliation.runOnce();
      expect(quiet.changes.filter((c) => c.accountId === acme)).toEqual([]);
      expect(events).toEqual([]);
    });
  });
});
