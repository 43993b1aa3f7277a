import {
  caseCommentListSchema,
  caseDetailSchema,
  casePageSchema,
  createdCaseCommentSchema,
  domainListSchema,
  invoiceDetailResponseSchema,
  invoicePageSchema,
  notificationListSchema,
  notificationPreferencesSchema,
  paymentMethodListSchema,
  subscriptionCancellationSchema,
  subscriptionListSchema,
  billingHandoffSchema,
  type RealtimeEvent,
} from '@portico/domain';
import { EventBus } from '../../src/core/events/event-bus.port';
import { PrismaService } from '../../src/core/prisma/prisma.service';
import { ReconciliationService } from '../../src/modules/reconciliation/reconciliation.service';
import { ReadCacheService } from '../../src/modules/read-cache/read-cache.service';
import { sessionHeaders, signInDemoOwners, type DemoOwners } from '../support/login';
import { mailTo } from '../support/mail';
import { systemPrisma } from '../support/system-prisma';
import { forgetCachedReads } from '../support/caches';
import { createTestApp, webhookTargetPort, type TestApp } from '../support/test-app';
import { until } from '../support/until';

/**
 * The self-service routes against the sandbox: the read pages through the stale-while-revalidate cache (an outage
 * test per read route with the sandbox's faults), case conversations, cancellations, payment hand-offs, invoice
 * PDFs and zips, and notifications from webhooks and reconciliation.
 */
describe('self-service (integration)', () => {
  let t: TestApp;
  let sandbox: string;
  let owners: DemoOwners;
  let events: RealtimeEvent[];
  let stop: () => void;
  let prisma: PrismaService;

  const get = (path: string, cookie = owners.acmeCookie) => fetch(`${t.url}${path}`, { headers: { cookie } });
  const send = (method: string, path: string, body?: unknown, cookie = owners.acmeCookie) =>
    fetch(`${t.url}${path}`, {
      method,
      headers: sessionHeaders(cookie, body === undefined ? {} : { 'content-type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const acme = (...segments: string[]) => `/api/v1/accounts/${owners.acme}/${segments.join('/')}`;
  const fault = async (upstream: 'whmcs' | 'salesforce') => {
    const res = await fetch(`${sandbox}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ upstream, mode: 'error', status: 500 }),
    });
    expect(res.status).toBe(201);
  };
  const clearFaults = () => fetch(`${sandbox}/__admin/faults`, { method: 'DELETE' });
  /** A new unpaid Acme invoice (due in `dueInDays`), made in the sandbox without a webhook. */
  const newInvoice = async (dueInDays = 14): Promise<string> => {
    const duedate = new Date(Date.now() + dueInDays * 86_400_000).toISOString().slice(0, 10);
    const res = await fetch(`${sandbox}/__admin/whmcs/invoices?webhook=false`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ userid: 1, items: [{ description: 'Test service', amount: '12.50' }], duedate }),
    });
    expect(res.status).toBe(201);
    return String(((await res.json()) as { invoiceid: number }).invoiceid);
  };

  beforeAll(async () => {
    // Entries are past fresh after 1 ms, and served stale for a minute when the upstream fails; breakers stay closed.
    t = await createTestApp({
      PORT: webhookTargetPort(),
      STATUS_CACHE_TTL_MS: 1,
      STATUS_CACHE_STALE_MS: 0,
      STATUS_CACHE_STALE_IF_ERROR_MS: 60_000,
      UPSTREAM_BREAKER_THRESHOLD: 1000,
      UPSTREAM_RETRY_MAX_ATTEMPTS: 1,
      CASE_REOPEN_WINDOW_DAYS: 3650,
    });
    sandbox = new URL(t.env.SALESFORCE_LOGIN_URL).origin;
    expect((await fetch(`${sandbox}/__admin/reset`, { method: 'POST' })).ok).toBe(true);
    await clearFaults();
    owners = await signInDemoOwners(t.url);
    // With Redis, entries of other suites (longer fresh windows, same demo account ids) may be there: start clean.
    await forgetCachedReads(t, [owners.acme, owners.globex]);
    prisma = systemPrisma(t.app.get(PrismaService));
    events = [];
    stop = t.app.get(EventBus).subscribe((e) => events.push(e));
  });
  afterAll(async () => {
    stop();
    await clearFaults();
    await t.close();
    // real wait: the next suite listens on the same webhook port: let the sandbox's pooled client sockets (another
    // process) see this server's close first.
    await new Promise((r) => setTimeout(r, 1000));
  });
  afterEach(async () => {
    await clearFaults();
  });

  describe('every read page stays up during an outage', () => {
    const firstOpenCase = async () =>
      casePageSchema.parse(await (await get(acme('cases?state=open'))).json()).items[0]!.id;
    const firstInvoice = async () =>
      invoicePageSchema.parse(await (await get(acme('invoices'))).json()).items[0]!.id;
    const routes: Array<{ name: string; upstream: 'whmcs' | 'salesforce'; path: () => Promise<string> }> = [
      {
        name: 'invoices',
        upstream: 'whmcs',
        path: async () => acme('invoices?status=all&page=1&pageSize=20'),
      },
      { name: 'invoice detail', upstream: 'whmcs', path: async () => acme('invoices', await firstInvoice()) },
      { name: 'subscriptions', upstream: 'whmcs', path: async () => acme('subscriptions') },
      { name: 'domains', upstream: 'whmcs', path: async () => acme('domains?status=all') },
      { name: 'payment methods', upstream: 'whmcs', path: async () => acme('payment-methods') },
      { name: 'cases', upstream: 'salesforce', path: async () => acme('cases?state=all') },
      { name: 'case detail', upstream: 'salesforce', path: async () => acme('cases', await firstOpenCase()) },
      {
        name: 'case comments',
        upstream: 'salesforce',
        path: async () => acme('cases', await firstOpenCase(), 'comments'),
      },
    ];

    it.each(routes)(
      '$name: served stale with its age and reason while $upstream fails, fresh again after',
      async ({ upstream, path }) => {
        const url = await path();
        const fresh = await get(url);
        expect(fresh.status).toBe(200);
        const before = (await fresh.json()) as { meta: { fetchedAt: string; stale: boolean } };
        expect(before.meta.stale).toBe(false);
        // real wait: fetchedAt has millisecond precision; a reload would now show a later one.
        await new Promise((r) => setTimeout(r, 5));
        await fault(upstream);
        const down = await get(url);
        expect(down.status).toBe(200);
        const stale = (await down.json()) as {
          meta: { fetchedAt: string; stale: boolean; reason?: string; source: string };
        };
        expect(stale.meta).toMatchObject({ stale: true, source: upstream, fetchedAt: before.meta.fetchedAt });
        expect(stale.meta.reason).toMatch(upstream === 'whmcs' ? /Billing system/ : /Support system/);
        await clearFaults();
        const back = (await (await get(url)).json()) as { meta: { stale: boolean; fetchedAt: string } };
        expect(back.meta.stale).toBe(false);
        expect(Date.parse(back.meta.fetchedAt)).toBeGreaterThan(Date.parse(before.meta.fetchedAt));
      },
    );

    it('answers 503 when nothing was cached (never a page without data)', async () => {
      await fault('whmcs');
      const res = await get(acme('invoices?status=paid&page=3&pageSize=7'));
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ code: 'upstream_unavailable' });
    });

    it('keeps showing the last copy after a webhook invalidated it while the upstream is down', async () => {
      const url = acme('invoices?status=open');
      const open = { id: await newInvoice() };
      expect(invoicePageSchema.parse(await (await get(url)).json()).items.map((i) => i.id)).toContain(
        open.id,
      );
      await fault('whmcs');
      // Marking paid invalidates the invoice pages (webhook); the reload fails, the last copy is served stale.
      await fetch(`${sandbox}/__admin/whmcs/invoices/${open.id}/mark-paid?webhook=false`, { method: 'POST' });
      await t.app.get(ReadCacheService).invalidate(owners.acme, ['invoices']);
      const page = invoicePageSchema.parse(await (await get(url)).json());
      expect(page.meta.stale).toBe(true);
      expect(page.items.map((i) => i.id)).toContain(open.id);
      await clearFaults();
      expect(invoicePageSchema.parse(await (await get(url)).json()).items.map((i) => i.id)).not.toContain(
        open.id,
      );
    });
  });

  describe('invoices: totals that add up, PDF and zip', () => {
    it('shows credit, each tax level with its rate, and a total they add up to', async () => {
      const list = invoicePageSchema.parse(await (await get(acme('invoices?pageSize=50'))).json());
      const withCredit = list.items.find((i) => i.credit.amountMinor > 0);
      expect(withCredit).toBeDefined();
      const detail = invoiceDetailResponseSchema.parse(
        await (await get(acme('invoices', withCredit!.id))).json(),
      );
      expect(detail.taxLines.map((l) => l.ratePercent)).toEqual([6.25, 1]);
      expect(detail.subtotal.amountMinor + detail.tax.amountMinor - detail.credit.amountMinor).toBe(
        detail.total.amountMinor,
      );
    });

    it('renders a PDF for an own invoice and 404 for a foreign one', async () => {
      const id = invoicePageSchema.parse(await (await get(acme('invoices'))).json()).items[0]!.id;
      const res = await get(acme('invoices', id, 'pdf'));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('application/pdf');
      expect(res.headers.get('content-disposition')).toMatch(/attachment; filename="invoice-.+\.pdf"/);
      expect(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 5)
          .toString(),
      ).toBe('%PDF-');
      const globexInvoice = invoicePageSchema.parse(
        await (await get(`/api/v1/accounts/${owners.globex}/invoices`, owners.globexCookie)).json(),
      ).items[0]!.id;
      expect((await get(acme('invoices', globexInvoice, 'pdf'))).status).toBe(404);
    });

    it('streams a zip of the period with one PDF per invoice issued in it; refuses a reversed range', async () => {
      const from = new Date(Date.now() - 200 * 86_400_000).toISOString().slice(0, 10);
      const to = new Date().toISOString().slice(0, 10);
      const list = invoicePageSchema.parse(await (await get(acme('invoices?pageSize=100'))).json());
      const expected = list.items.filter(
        (i) => i.issuedOn !== null && i.issuedOn >= from && i.issuedOn <= to,
      ).length;
      const res = await get(acme(`invoices.zip?from=${from}&to=${to}`));
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      const zip = Buffer.from(await res.arrayBuffer());
      // Each central directory header (signature 0x02014b50) names one file: name length at +28, the name at +46.
      const names: string[] = [];
      const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
      for (let at = zip.indexOf(signature); at !== -1; at = zip.indexOf(signature, at + 4)) {
        names.push(zip.subarray(at + 46, at + 46 + zip.readUInt16LE(at + 28)).toString('utf8'));
      }
      expect(names.every((n) => /^invoice-.+\.pdf$/.test(n))).toBe(true);
      expect(new Set(names).size).toBe(expected);
      expect((await get(acme(`invoices.zip?from=${to}&to=${from}`))).status).toBe(400);
    });
  });

  describe('pay an invoice and manage payment methods in the billing system', () => {
    it('hands a billing member to the sandbox pay page; paying there sends the webhook and the invoice turns paid', async () => {
      const open = { id: await newInvoice() };
      const res = await send('POST', acme('invoices', open.id, 'payment'));
      expect(res.status).toBe(201);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const handoff = billingHandoffSchema.parse(await res.json());
      expect(Date.parse(handoff.expiresAt) - Date.now()).toBeLessThanOrEqual(60_000);
      const landing = await fetch(handoff.redirectUrl, { redirect: 'manual' });
      expect(landing.status).toBe(302);
      const cookie = landing.headers.getSetCookie()[0]!.split(';')[0]!;
      const paid = await fetch(new URL(`/viewinvoice.php?id=${open.id}`, sandbox), {
        method: 'POST',
        headers: { cookie },
        redirect: 'manual',
      });
      expect(paid.status).toBe(303);
      await until(
        () =>
          events.find(
            (e) =>
              e.type === 'billing_alert' &&
              e.payload.invoiceId === open.id &&
              e.payload.kind === 'invoice_paid',
          ),
        'billing_alert invoice_paid',
      );
      expect(
        invoiceDetailResponseSchema.parse(await (await get(acme('invoices', open.id))).json()).status,
      ).toBe('paid');
      const audit = await prisma.auditEvent.findFirst({
        where: { action: 'billing.payment_handoff', target: open.id },
      });
      expect(audit).not.toBeNull();
      expect(JSON.stringify(audit)).not.toContain('access_token');
      expect((await send('POST', acme('invoices', open.id, 'payment'))).status).toBe(409);
    });

    it('shows a clear error, no link, when the billing system refuses the token', async () => {
      await fetch(`${sandbox}/__admin/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ upstream: 'whmcs', action: 'CreateSsoToken', mode: 'error', status: 200 }),
      });
      const res = await send('POST', acme('payment-methods', 'management'));
      expect(res.status).toBe(502);
      const body = (await res.json()) as Record<string, unknown>;
      expect(body).toMatchObject({
        code: 'upstream_unavailable',
        message: 'Billing system refused the request',
      });
      expect(body).not.toHaveProperty('redirectUrl');
    });

    it('lists payment methods without card data beyond brand, last four and expiry, and warns of the expiring default card', async () => {
      const list = paymentMethodListSchema.parse(await (await get(acme('payment-methods'))).json());
      expect(JSON.stringify(list)).not.toMatch(/remote_token|cus_sbx|pm_sbx/);
      expect(list.items[0]).toMatchObject({ isDefault: true, cardBrand: 'Visa', lastFour: '4242' });
      expect(list.warning).toMatchObject({
        kind: 'default_card_expires_before_next_charge',
        paymentMethodId: list.items[0]!.id,
      });
    });

    it('filters domains and counts those expiring within 30 days', async () => {
      const all = domainListSchema.parse(await (await get(acme('domains'))).json());
      expect(all.total).toBe(4);
      expect(all.expiringSoon).toBe(1);
      const expiring = domainListSchema.parse(await (await get(acme('domains?status=expiring'))).json());
      expect(expiring.items.map((d) => d.name)).toEqual(['acme-shop.example']);
      expect(
        domainListSchema
          .parse(await (await get(acme('domains?search=LEGACY'))).json())
          .items.map((d) => d.status),
      ).toEqual(['expired']);
      expect((await get(acme('domains?status=soon'))).status).toBe(400);
    });
  });

  describe('case conversation', () => {
    it('lists public comments oldest first and takes a reply, told live', async () => {
      const caseId = casePageSchema.parse(await (await get(acme('cases?state=open'))).json()).items[0]!.id;
      const before = caseCommentListSchema.parse(await (await get(acme('cases', caseId, 'comments'))).json());
      expect(before.items.map((c) => c.authorType)).toEqual(['support', 'customer']);
      expect(before.items.every((c) => !c.body.startsWith('Internal note'))).toBe(true);
      const res = await send('POST', acme('cases', caseId, 'comments'), { body: '  Any news on this?  ' });
      expect(res.status).toBe(201);
      const created = createdCaseCommentSchema.parse(await res.json());
      expect(created).toMatchObject({
        reopened: false,
        comment: { body: 'Any news on this?', authorType: 'customer', authorName: 'Alice Acme' },
      });
      const after = caseCommentListSchema.parse(await (await get(acme('cases', caseId, 'comments'))).json());
      expect(after.items.at(-1)).toMatchObject({
        id: created.comment.id,
        authorType: 'customer',
        authorName: 'Alice Acme',
      });
      expect(events.some((e) => e.type === 'case_updated' && e.payload.caseId === caseId)).toBe(true);
    });

    it('refuses an empty or too long reply and a foreign case', async () => {
      const caseId = casePageSchema.parse(await (await get(acme('cases?state=open'))).json()).items[0]!.id;
      expect((await send('POST', acme('cases', caseId, 'comments'), { body: '   ' })).status).toBe(400);
      expect((await send('POST', acme('cases', caseId, 'comments'), { body: 'é'.repeat(2001) })).status).toBe(
        400,
      );
      const globexCase = casePageSchema.parse(
        await (await get(`/api/v1/accounts/${owners.globex}/cases`, owners.globexCookie)).json(),
      ).items[0]!.id;
      expect((await send('POST', acme('cases', globexCase, 'comments'), { body: 'hello' })).status).toBe(404);
      expect((await get(acme('cases', globexCase, 'comments'))).status).toBe(404);
    });

    it('reopens a case support closed when the customer replies within the window', async () => {
      const closed = casePageSchema.parse(await (await get(acme('cases?state=closed'))).json()).items[0]!;
      const detail = caseDetailSchema.parse(await (await get(acme('cases', closed.id))).json());
      expect(detail.reply).toMatchObject({ canReply: true, reopensOnReply: true });
      const created = createdCaseCommentSchema.parse(
        await (await send('POST', acme('cases', closed.id, 'comments'), { body: 'It broke again.' })).json(),
      );
      expect(created.reopened).toBe(true);
      const reopened = caseDetailSchema.parse(await (await get(acme('cases', closed.id))).json());
      expect(reopened).toMatchObject({ isClosed: false, status: 'working' });
    });

    it('sees a support agent reply arrive (webhook -> case_updated) and refuses replies to long-closed cases', async () => {
      const caseId = casePageSchema.parse(await (await get(acme('cases?state=open'))).json()).items[0]!.id;
      const res = await fetch(`${sandbox}/__admin/salesforce/cases/${caseId}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ body: 'We deployed a fix.' }),
      });
      expect(res.status).toBe(201);
      await until(
        () =>
          events.find(
            (e) =>
              e.type === 'case_updated' &&
              e.payload.caseId === caseId &&
              e.payload.reason === 'comment_added',
          ),
        'case_updated from the webhook',
      );
      const list = caseCommentListSchema.parse(await (await get(acme('cases', caseId, 'comments'))).json());
      expect(list.items.at(-1)).toMatchObject({
        body: 'We deployed a fix.',
        authorType: 'support',
        authorName: 'Dana Support',
      });

      const strict = await createTestApp({ CASE_REOPEN_WINDOW_DAYS: 0 });
      try {
        const closed = casePageSchema.parse(
          await (
            await fetch(`${strict.url}${acme('cases?state=closed')}`, {
              headers: { cookie: owners.acmeCookie },
            })
          ).json(),
        ).items[0]!;
        const refused = await fetch(`${strict.url}${acme('cases', closed.id, 'comments')}`, {
          method: 'POST',
          headers: sessionHeaders(owners.acmeCookie, { 'content-type': 'application/json' }),
          body: JSON.stringify({ body: 'Hello?' }),
        });
        expect(refused.status).toBe(409);
      } finally {
        await strict.close();
      }
    });
  });

  describe('services and cancellation', () => {
    it('cancels at the end of the period once (409 after), lists it, and refuses a cancelled or foreign service', async () => {
      const created = (await (
        await fetch(`${sandbox}/__admin/whmcs/services`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userid: 1, name: 'Spare Hosting' }),
        })
      ).json()) as { serviceid: number };
      const id = String(created.serviceid);
      const res = await send('POST', acme('subscriptions', id, 'cancellation'), {
        type: 'end_of_billing_period',
        reason: 'No longer needed',
      });
      expect(res.status).toBe(201);
      expect(subscriptionCancellationSchema.parse(await res.json())).toMatchObject({
        subscriptionId: id,
        type: 'end_of_billing_period',
        requestedBy: 'Alice Acme',
      });
      const listed = subscriptionListSchema
        .parse(await (await get(acme('subscriptions'))).json())
        .items.find((s) => s.id === id);
      expect(listed?.cancellation).toMatchObject({
        type: 'end_of_billing_period',
        reason: 'No longer needed',
      });
      expect(
        (
          await send('POST', acme('subscriptions', id, 'cancellation'), {
            type: 'immediate',
            reason: 'Again',
          })
        ).status,
      ).toBe(409);
      expect(
        await prisma.auditEvent.count({
          where: { action: 'subscription.cancellation_requested', target: id },
        }),
      ).toBe(1);

      const initechCancelled = subscriptionListSchema
        .parse(await (await get(acme('subscriptions'))).json())
        .items.find((s) => s.status === 'cancelled');
      if (initechCancelled)
        expect(
          (
            await send('POST', acme('subscriptions', initechCancelled.id, 'cancellation'), {
              type: 'immediate',
              reason: 'Twice',
            })
          ).status,
        ).toBe(409);
      const globexService = subscriptionListSchema.parse(
        await (await get(`/api/v1/accounts/${owners.globex}/subscriptions`, owners.globexCookie)).json(),
      ).items[0]!.id;
      expect(
        (
          await send('POST', acme('subscriptions', globexService, 'cancellation'), {
            type: 'immediate',
            reason: 'Not mine',
          })
        ).status,
      ).toBe(404);
      expect(
        (await send('POST', acme('subscriptions', id, 'cancellation'), { type: 'someday', reason: 'x' }))
          .status,
      ).toBe(400);
    });
  });

  describe('notifications', () => {
    it('stores an overdue notice once, tells the account live, emails members, and keeps read state per member', async () => {
      const overdueId = await newInvoice(-3);
      const overdue = invoiceDetailResponseSchema.parse(
        await (await get(acme('invoices', overdueId))).json(),
      );
      expect(overdue.status).toBe('overdue');
      for (let i = 0; i < 2; i += 1) {
        const res = await fetch(`${sandbox}/__admin/whmcs/invoices/${overdue.id}/payment-reminder`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'firstoverdue' }),
        });
        expect(res.status).toBe(202);
      }
      const created = await until(
        () => events.find((e) => e.type === 'notification_created' && e.payload.kind === 'invoice_overdue'),
        'notification_created',
      );
      const list = notificationListSchema.parse(await (await get(acme('notifications'))).json());
      const mine = list.items.filter(
        (n) => n.kind === 'invoice_overdue' && n.link === `billing/${overdue.id}`,
      );
      expect(mine).toHaveLength(1);
      expect(mine[0]!.id).toBe(created.type === 'notification_created' ? created.payload.notificationId : '');
      expect(mine[0]!.readAt).toBeNull();
      expect(mine[0]!.title).toBe(`Invoice #${overdue.number} is overdue`);
      // The same notification in the page's language, written from the stored message.
      const german = notificationListSchema
        .parse(await (await get(acme('notifications?locale=de'))).json())
        .items.find((n) => n.id === mine[0]!.id);
      expect(german?.title).toBe(`Rechnung Nr. ${overdue.number} ist überfällig`);
      expect(german?.body).toContain('waren am');
      expect((await get(acme('notifications?locale=fr'))).status).toBe(400);
      const mail = await until(
        async () =>
          (await mailTo('owner@acme.example')).find((m) => m.subject.includes(`#${overdue.number}`)),
        'the overdue email',
      );
      expect(mail.text).toContain(`/${owners.acme}/billing/${overdue.id}`);

      expect((await send('POST', acme('notifications', mine[0]!.id, 'read'))).status).toBe(204);
      const after = notificationListSchema.parse(await (await get(acme('notifications'))).json());
      expect(after.items.find((n) => n.id === mine[0]!.id)?.readAt).not.toBeNull();
      expect(after.unreadCount).toBe(list.unreadCount - 1);
      expect(
        (await send('POST', acme('notifications', '00000000-0000-4000-8000-000000000000', 'read'))).status,
      ).toBe(404);
    });

    it('notifies expiring domains and cards and failed payments from reconciliation, once each', async () => {
      const invoice = { id: await newInvoice(5) };
      await fetch(`${sandbox}/__admin/whmcs/invoices/${invoice.id}/capture-failed`, { method: 'POST' });
      const reconciliation = t.app.get(ReconciliationService);
      await reconciliation.runOnce();
      await reconciliation.runOnce();
      const items = notificationListSchema.parse(
        await (await get(acme('notifications?pageSize=100'))).json(),
      ).items;
      expect(
        items.filter((n) => n.kind === 'domain_expiring' && n.title.startsWith('acme-shop.example')),
      ).toHaveLength(1);
      expect(items.filter((n) => n.kind === 'card_expiring' && n.title.includes('4242'))).toHaveLength(1);
      expect(
        items.filter((n) => n.kind === 'payment_failed' && n.link === `billing/${invoice.id}`),
      ).toHaveLength(1);
    });

    it('keeps email choices per member and refuses kinds the role cannot see', async () => {
      const prefs = notificationPreferencesSchema.parse(
        await (
          await send('PUT', acme('notifications', 'preferences'), {
            items: [{ kind: 'card_expiring', email: false }],
          })
        ).json(),
      );
      expect(prefs.items.find((p) => p.kind === 'card_expiring')?.email).toBe(false);
      expect(prefs.items.find((p) => p.kind === 'invoice_overdue')?.email).toBe(true);
      expect(
        (await send('PUT', acme('notifications', 'preferences'), { items: [{ kind: 'nope', email: false }] }))
          .status,
      ).toBe(400);
    });
  });
});
