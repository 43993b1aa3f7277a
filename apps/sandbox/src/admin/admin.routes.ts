import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { faultInputSchema, type FaultsService } from '../faults/faults.service';
import type { SalesforceSessions } from '../salesforce/session.service';
import {
  SF_CASE_PRIORITIES,
  SF_CASE_STATUSES,
  SF_ID_PATTERN,
  type SfRecord,
} from '../store/salesforce.model';
import { StoreError, type SandboxStore } from '../store/sandbox.store';
import { centsToDecimal, decimalToCents } from '../store/time';
import { invoiceTotals } from '../store/whmcs.model';
import type { Delivery, WebhookDispatcher } from '../webhooks/webhook.dispatcher';
import type { WhmcsApiService, WhmcsEvent } from '../whmcs/whmcs-api.service';
import type { WhmcsUsageCycle } from '../whmcs/usage-cycle';
import { ADMIN_PAGE_HTML } from './admin.page';

/** Dependencies of the admin controls. */
export interface AdminRoutesOptions {
  store: SandboxStore;
  faults: FaultsService;
  webhooks: WebhookDispatcher;
  sessions: SalesforceSessions;
  whmcsApi: WhmcsApiService;
  reseed: () => void;
  onCaseChanged: (record: SfRecord) => void;
  onCaseCommentCreated: (comment: SfRecord) => void;
  onInvoiceCreated: (invoiceId: number, userid: number) => void;
  /** Delivers a WHMCS hook webhook (unless muted). */
  emitWhmcs: (event: WhmcsEvent) => void;
  /** `muted`: business events raise no webhook; `outboundMessages`: Case changes also send an Outbound Message. */
  notifications: { muted: boolean; outboundMessages: boolean };
  sendOutboundMessage: (records: SfRecord[], organizationId?: string) => Delivery;
  /** WHMCS's daily usage update of services' `diskusage` / `bwusage` / `lastupdate`. */
  usageCycle: WhmcsUsageCycle;
}

const advanceUsageSchema = z.object({ days: z.number().int().min(1).max(31).default(1) }).strict();
const serviceUsageSchema = z
  .object({ diskusage: z.number().int().min(0).optional(), bwusage: z.number().int().min(0).optional() })
  .strict()
  .refine((b) => b.diskusage !== undefined || b.bwusage !== undefined, { message: 'diskusage or bwusage' });

/** `?webhook=false` on a business-event control: change the data without any webhook (a lost delivery). */
const webhookQuerySchema = z.object({ webhook: z.stringbool().default(true) });

const outboundMessageSchema = z
  .object({
    caseIds: z.array(z.string().regex(SF_ID_PATTERN, 'must be a Case id')).min(1).max(100),
    /** Another organization id than the configured one (to exercise the receiver's check). */
    organizationId: z.string().min(1).optional(),
  })
  .strict();

const amountSchema = z.union([z.string(), z.number()]).transform((v, ctx) => {
  const cents = decimalToCents(v);
  if (cents === null) {
    ctx.addIssue({ code: 'custom', message: 'must be a decimal amount such as "12.50"' });
    return z.NEVER;
  }
  return cents;
});

const createInvoiceSchema = z
  .object({
    userid: z.coerce.number().int().positive(),
    items: z
      .array(
        z.object({
          description: z.string().trim().min(1).max(500),
          amount: amountSchema,
          taxed: z.boolean().optional(),
        }),
      )
      .min(1)
      .max(50),
    duedate: z.iso.date().optional(),
  })
  .strict();

const createCaseSchema = z
  .object({
    accountId: z.string().regex(SF_ID_PATTERN, 'must be a Salesforce Account id'),
    subject: z.string().trim().min(1).max(255),
    description: z.string().max(32_000).optional(),
    priority: z.enum(SF_CASE_PRIORITIES).optional(),
    contactId: z.string().optional(),
  })
  .strict();

const caseStatusSchema = z
  .object({ status: z.enum(Object.keys(SF_CASE_STATUSES) as [string, ...string[]]) })
  .strict();

const agentCommentSchema = z
  .object({
    body: z.string().trim().min(1).max(4000),
    /** Published comments are visible to the customer; an internal note (false) is not. */
    isPublished: z.boolean().default(true),
    /** Also set the case's status (e.g. `Waiting on Customer`). */
    status: z.enum(Object.keys(SF_CASE_STATUSES) as [string, ...string[]]).optional(),
  })
  .strict();

const createServiceSchema = z
  .object({
    userid: z.coerce.number().int().positive(),
    name: z.string().trim().min(1).max(200).default('Extra Hosting'),
    amount: amountSchema.default(999),
  })
  .strict();

const paymentReminderSchema = z
  .object({
    type: z.enum(['reminder', 'firstoverdue', 'secondoverdue', 'thirdoverdue']).default('firstoverdue'),
  })
  .strict();

function issues(error: z.ZodError): { error: string; details: Array<{ path: string; message: string }> } {
  return {
    error: 'validation_failed',
    details: error.issues.map((i) => ({
      path: i.path.map(String).join('.') || '(body)',
      message: i.message,
    })),
  };
}

/** Registers `/__admin`: the control page, state, faults, business events and reset. */
export function registerAdminRoutes(app: FastifyInstance, options: AdminRoutesOptions): void {
  const { store, faults, webhooks } = options;

  /** Runs a business-event control with webhooks muted when the query says `webhook=false`. */
  function withWebhooks<T>(query: unknown, run: () => T): T {
    const { webhook } = webhookQuerySchema.catch({ webhook: true }).parse(query ?? {});
    const before = options.notifications.muted;
    options.notifications.muted = before || !webhook;
    try {
      return run();
    } finally {
      options.notifications.muted = before;
    }
  }

  app.get('/__admin', async (_request, reply) =>
    reply.type('text/html; charset=utf-8').send(ADMIN_PAGE_HTML),
  );

  app.get('/__admin/state', async () => ({
    now: store.now().toISOString(),
    faults: faults.list(),
    calls: faults.calls(),
    outboundMessages: options.notifications.outboundMessages,
    webhooks: webhooks.deliveries(),
    invoices: store.data.invoices.map((i) => {
      const client = store.client(i.userid);
      return {
        id: i.id,
        userid: i.userid,
        invoicenum: i.invoicenum,
        status: i.status,
        duedate: i.duedate,
        datepaid: i.datepaid,
        total: centsToDecimal(invoiceTotals(i).total),
        currency: client ? store.currencyOf(client).code : null,
      };
    }),
    services: store.data.services.map((s) => ({
      id: s.id,
      clientid: s.clientid,
      name: s.name,
      status: s.status,
      diskusage: s.diskusage,
      disklimit: s.disklimit,
      bwusage: s.bwusage,
      bwlimit: s.bwlimit,
      lastupdate: s.lastupdate,
    })),
    cases: store.sobjects('Case').map((c) => ({
      Id: c.Id,
      CaseNumber: c.CaseNumber,
      AccountId: c.AccountId,
      Subject: c.Subject,
      Status: c.Status,
      Priority: c.Priority,
      IsClosed: c.IsClosed,
    })),
  }));

  app.post('/__admin/whmcs/usage/advance', async (request, reply) => {
    const parsed = advanceUsageSchema.safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send(issues(parsed.error));
    const updated = options.usageCycle.advance(parsed.data.days);
    return {
      updated: updated.map((s) => ({
        id: s.id,
        clientid: s.clientid,
        diskusage: s.diskusage,
        bwusage: s.bwusage,
        lastupdate: s.lastupdate,
      })),
    };
  });
  app.put<{ Params: { serviceId: string } }>(
    '/__admin/whmcs/services/:serviceId/usage',
    async (request, reply) => {
      const id = z.coerce.number().int().positive().safeParse(request.params.serviceId);
      if (!id.success)
        return reply
          .code(400)
          .send({ error: 'validation_failed', message: 'serviceId must be a positive integer' });
      const parsed = serviceUsageSchema.safeParse(request.body);
      if (!parsed.success) return reply.code(400).send(issues(parsed.error));
      const s = options.usageCycle.set(id.data, parsed.data);
      if (!s) return reply.code(404).send({ error: 'not_found', message: 'Service ID Not Found' });
      return {
        id: s.id,
        clientid: s.clientid,
        diskusage: s.diskusage,
        bwusage: s.bwusage,
        lastupdate: s.lastupdate,
      };
    },
  );

  app.post('/__admin/faults', async (request, reply) => {
    const parsed = faultInputSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(issues(parsed.error));
    return reply.code(201).send({ id: faults.add(parsed.data).id });
  });
  app.delete('/__admin/faults', async (_request, reply) => {
    faults.clear();
    return reply.code(204).send();
  });
  app.delete<{ Params: { id: string } }>('/__admin/faults/:id', async (request, reply) => {
    if (!faults.remove(request.params.id))
      return reply.code(404).send({ error: 'not_found', message: 'no such fault' });
    return reply.code(204).send();
  });

  app.post<{ Params: { invoiceId: string } }>(
    '/__admin/whmcs/invoices/:invoiceId/mark-paid',
    async (request, reply) => {
      const id = z.coerce.number().int().positive().safeParse(request.params.invoiceId);
      if (!id.success)
        return reply
          .code(400)
          .send({ error: 'validation_failed', message: 'invoiceId must be a positive integer' });
      const invoice = store.invoice(id.data);
      if (!invoice) return reply.code(404).send({ error: 'not_found', message: 'Invoice ID Not Found' });
      if (invoice.status === 'Paid')
        return reply.code(409).send({ error: 'conflict', message: 'invoice is already paid' });
      // Same code path as the UpdateInvoice API action (which raises the InvoicePaid webhook).
      const result = withWebhooks(request.query, () =>
        options.whmcsApi.run('UpdateInvoice', { invoiceid: String(id.data), status: 'Paid' }),
      );
      if (result.body.result !== 'success')
        return reply.code(400).send({ error: 'upstream_error', message: String(result.body.message) });
      return { invoiceid: id.data, status: invoice.status, datepaid: invoice.datepaid };
    },
  );

  app.get('/__admin/calls', async () => faults.calls());
  app.delete('/__admin/calls', async (_request, reply) => {
    faults.resetCalls();
    return reply.code(204).send();
  });

  app.post('/__admin/whmcs/invoices', async (request, reply) => {
    const parsed = createInvoiceSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(issues(parsed.error));
    try {
      const inv = store.createInvoice(
        parsed.data.userid,
        parsed.data.items.map((i) => ({ description: i.description, amountCents: i.amount, taxed: i.taxed })),
        parsed.data.duedate,
      );
      withWebhooks(request.query, () => options.onInvoiceCreated(inv.id, inv.userid));
      return reply.code(201).send({ invoiceid: inv.id, total: centsToDecimal(invoiceTotals(inv).total) });
    } catch (err) {
      if (err instanceof StoreError)
        return reply
          .code(err.code === 'not_found' ? 404 : 400)
          .send({ error: err.code, message: err.message });
      throw err;
    }
  });

  app.post('/__admin/salesforce/cases', async (request, reply) => {
    const parsed = createCaseSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(issues(parsed.error));
    if (!store.sobject('Account', parsed.data.accountId))
      return reply.code(404).send({ error: 'not_found', message: 'no such Account' });
    try {
      const record = store.createCase({
        AccountId: parsed.data.accountId,
        Subject: parsed.data.subject,
        Description: parsed.data.description ?? null,
        Priority: parsed.data.priority ?? 'Medium',
        Origin: 'Phone',
        Status: 'New',
        ...(parsed.data.contactId ? { ContactId: parsed.data.contactId } : {}),
      });
      withWebhooks(request.query, () => options.onCaseChanged(record));
      return reply.code(201).send({ id: record.Id, caseNumber: record.CaseNumber });
    } catch (err) {
      if (err instanceof StoreError)
        return reply.code(400).send({ error: 'validation_failed', message: err.message });
      throw err;
    }
  });

  app.post<{ Params: { caseId: string } }>(
    '/__admin/salesforce/cases/:caseId/status',
    async (request, reply) => {
      const parsed = caseStatusSchema.safeParse(request.body);
      if (!parsed.success) return reply.code(400).send(issues(parsed.error));
      try {
        const record = store.updateCase(request.params.caseId, { Status: parsed.data.status });
        withWebhooks(request.query, () => options.onCaseChanged(record));
        return { id: record.Id, status: record.Status, isClosed: record.IsClosed };
      } catch (err) {
        if (err instanceof StoreError)
          return reply
            .code(err.code === 'not_found' ? 404 : 400)
            .send({ error: err.code, message: err.message });
        throw err;
      }
    },
  );

  /** A support agent's comment on a case (as the support user), with its webhook: the agent's reply a customer sees. */
  app.post<{ Params: { caseId: string } }>(
    '/__admin/salesforce/cases/:caseId/comments',
    async (request, reply) => {
      const parsed = agentCommentSchema.safeParse(request.body ?? {});
      if (!parsed.success) return reply.code(400).send(issues(parsed.error));
      const parent = store.sobject('Case', request.params.caseId);
      if (!parent) return reply.code(404).send({ error: 'not_found', message: 'no such Case' });
      const agent =
        store.sobjects('User').find((u) => u.Name === 'Dana Support')?.Id ?? store.sobjects('User')[0]?.Id;
      try {
        const comment = store.createCaseComment(
          { ParentId: parent.Id, CommentBody: parsed.data.body, IsPublished: parsed.data.isPublished },
          String(agent),
        );
        const updated =
          parsed.data.status !== undefined
            ? store.updateCase(String(parent.Id), { Status: parsed.data.status })
            : null;
        withWebhooks(request.query, () => {
          options.onCaseCommentCreated(comment);
          if (updated) options.onCaseChanged(updated);
        });
        return reply.code(201).send({ id: comment.Id, caseId: parent.Id });
      } catch (err) {
        if (err instanceof StoreError) return reply.code(400).send({ error: err.code, message: err.message });
        throw err;
      }
    },
  );

  /** Adds an active monthly service to a client (for tests that need a service to cancel). */
  app.post('/__admin/whmcs/services', async (request, reply) => {
    const parsed = createServiceSchema.safeParse(request.body ?? {});
    if (!parsed.success) return reply.code(400).send(issues(parsed.error));
    try {
      const service = store.createService(parsed.data.userid, parsed.data.name, parsed.data.amount);
      return reply.code(201).send({ serviceid: service.id });
    } catch (err) {
      if (err instanceof StoreError) return reply.code(404).send({ error: err.code, message: err.message });
      throw err;
    }
  });

  /** A failed automatic card capture: `last_capture_attempt` is now, the invoice stays unpaid (WHMCS sends no hook). */
  app.post<{ Params: { invoiceId: string } }>(
    '/__admin/whmcs/invoices/:invoiceId/capture-failed',
    async (request, reply) => {
      const id = z.coerce.number().int().positive().safeParse(request.params.invoiceId);
      if (!id.success)
        return reply
          .code(400)
          .send({ error: 'validation_failed', message: 'invoiceId must be a positive integer' });
      try {
        const inv = store.failCapture(id.data);
        return { invoiceid: inv.id, last_capture_attempt: inv.lastCaptureAttempt };
      } catch (err) {
        if (err instanceof StoreError) return reply.code(404).send({ error: err.code, message: err.message });
        throw err;
      }
    },
  );

  /** WHMCS's cron sending a payment reminder or overdue notice (`InvoicePaymentReminder` hook, `type`). */
  app.post<{ Params: { invoiceId: string } }>(
    '/__admin/whmcs/invoices/:invoiceId/payment-reminder',
    async (request, reply) => {
      const id = z.coerce.number().int().positive().safeParse(request.params.invoiceId);
      const body = paymentReminderSchema.safeParse(request.body ?? {});
      if (!id.success || !body.success)
        return reply.code(400).send({
          error: 'validation_failed',
          message: 'invoiceId must be a positive integer and type a reminder type',
        });
      const inv = store.invoice(id.data);
      if (!inv) return reply.code(404).send({ error: 'not_found', message: 'Invoice ID Not Found' });
      withWebhooks(request.query, () =>
        options.emitWhmcs({
          event: 'InvoicePaymentReminder',
          userid: inv.userid,
          params: { invoiceid: inv.id, type: body.data.type },
        }),
      );
      return reply.code(202).send({ invoiceid: inv.id, type: body.data.type });
    },
  );

  /** Sends one Outbound Message with a notification per Case (the configured organization unless overridden). */
  app.post('/__admin/salesforce/outbound-messages', async (request, reply) => {
    const parsed = outboundMessageSchema.safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(issues(parsed.error));
    const records: SfRecord[] = [];
    for (const id of parsed.data.caseIds) {
      const record = store.sobject('Case', id);
      if (!record) return reply.code(404).send({ error: 'not_found', message: `no such Case: ${id}` });
      records.push(record);
    }
    const delivery = options.sendOutboundMessage(records, parsed.data.organizationId);
    return reply.code(202).send({ id: delivery.id, payload: delivery.payload });
  });

  /** Whether Case changes also send Outbound Messages (`{ enabled }`). */
  app.put('/__admin/salesforce/outbound-messages/settings', async (request, reply) => {
    const parsed = z.object({ enabled: z.boolean() }).strict().safeParse(request.body);
    if (!parsed.success) return reply.code(400).send(issues(parsed.error));
    options.notifications.outboundMessages = parsed.data.enabled;
    return { enabled: options.notifications.outboundMessages };
  });

  /** Extra control: invalidates every Salesforce access token (clients must re-authenticate). */
  app.post('/__admin/salesforce/revoke-tokens', async () => ({ revoked: options.sessions.revokeAll() }));

  app.post('/__admin/reset', async () => {
    options.reseed();
    return { ok: true };
  });
}
