import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { registerAdminRoutes } from './admin/admin.routes';
import { sandboxEnvSchema, type SandboxEnv } from './config/env.schema';
import { HeldRequests } from './faults/fault.responder';
import { MailCatcher } from './mail/mail-catcher';
import { registerMailRoutes } from './mail/mail.routes';
import { FaultsService } from './faults/faults.service';
import { registerSalesforceRoutes } from './salesforce/salesforce.routes';
import { SalesforceSessions } from './salesforce/session.service';
import { buildDemoData, DEMO_SEED } from './seed/demo.seed';
import { SandboxStore } from './store/sandbox.store';
import type { SfRecord } from './store/salesforce.model';
import { notificationFor, OUTBOUND_CASE_FIELDS } from './webhooks/outbound-message';
import { WebhookDispatcher } from './webhooks/webhook.dispatcher';
import { WhmcsApiService, type WhmcsEvent } from './whmcs/whmcs-api.service';
import { registerWhmcsRoutes } from './whmcs/whmcs.routes';
import { registerClientAreaRoutes } from './whmcs/client-area.routes';
import { WhmcsUsageCycle } from './whmcs/usage-cycle';

/** ActionId of the sandbox's Case outbound message action. */
export const SANDBOX_OUTBOUND_ACTION_ID = '04kA0000000PortAAA';

/** Options of {@link buildSandbox}. Everything is optional; defaults follow docs/contracts.md. */
export interface SandboxOptions {
  /** Configuration (normally from {@link loadSandboxEnv}); missing keys take their defaults. */
  env?: Partial<SandboxEnv>;
  /** Clock used for seeding and for "now" in the simulators (default: the real clock). */
  now?: () => Date;
  /** Seed of the demo data generator (default {@link DEMO_SEED}). */
  seed?: number;
  /** Fastify logger option (default off). */
  logger?: FastifyServerOptions['logger'];
  /** Webhook retry delays in ms (default `[250, 1000, 3000]`). */
  webhookRetryDelaysMs?: number[];
  /** Random source for fault probabilities (default Math.random). */
  random?: () => number;
}

/** A built, not yet listening, sandbox and its parts (for tests and the admin controls). */
export interface Sandbox {
  app: FastifyInstance;
  env: SandboxEnv;
  store: SandboxStore;
  faults: FaultsService;
  webhooks: WebhookDispatcher;
  sessions: SalesforceSessions;
  /** The SMTP catcher's store; `main.ts` starts its listener on `SANDBOX_SMTP_PORT`. */
  mail: MailCatcher;
  /** The WHMCS API actions, for tests that call them without HTTP. */
  whmcsApiForTests: WhmcsApiService;
  /** WHMCS's daily usage update (run every `SANDBOX_USAGE_CYCLE_MS` once listening, or by `/__admin/whmcs/usage/advance`). */
  usageCycle: WhmcsUsageCycle;
}

/** Builds the sandbox server: WHMCS API, Salesforce OAuth + REST, admin controls, signed webhooks. */
export function buildSandbox(options: SandboxOptions = {}): Sandbox {
  const env = sandboxEnvSchema.parse(options.env ?? {});
  const clock = options.now ?? (() => new Date());
  const seed = options.seed ?? DEMO_SEED;
  const store = new SandboxStore(buildDemoData(clock(), seed), clock);
  const faults = new FaultsService(options.random);
  const held = new HeldRequests();
  const sessions = new SalesforceSessions();
  const mail = new MailCatcher();
  const webhooks = new WebhookDispatcher({
    target: env.SANDBOX_WEBHOOK_TARGET,
    secrets: { whmcs: env.WHMCS_WEBHOOK_SECRET, salesforce: env.SALESFORCE_WEBHOOK_SECRET },
    retryDelaysMs: options.webhookRetryDelaysMs,
  });

  const app = Fastify({
    logger: options.logger ?? false,
    forceCloseConnections: true,
    bodyLimit: 1024 * 1024,
  });
  void app.register(formbody);

  // Admin controls may change data without telling anyone (`?webhook=false`), as when a delivery is lost.
  const notifications = { muted: false, outboundMessages: env.SANDBOX_SALESFORCE_OUTBOUND_MESSAGES };
  // Whole seconds, as WHMCS's hook module sends (PHP gmdate).
  const occurredAt = () => `${clock().toISOString().slice(0, 19)}Z`;
  // Same document as the WHMCS hook module (apps/bff/src/integrations/whmcs/hook/portico_webhooks.php).
  const emitWhmcs = (e: WhmcsEvent) => {
    if (notifications.muted) return;
    webhooks.dispatch('whmcs', e.event, {
      event: e.event,
      occurredAt: occurredAt(),
      userid: e.userid,
      params: e.params,
    });
  };
  const whmcsApi = new WhmcsApiService(store, emitWhmcs, env.SANDBOX_PUBLIC_URL);
  const usageCycle = new WhmcsUsageCycle(store);
  let usageTimer: NodeJS.Timeout | undefined;
  if (env.SANDBOX_USAGE_CYCLE_MS > 0) {
    app.addHook('onReady', async () => {
      usageTimer = setInterval(() => usageCycle.advance(1), env.SANDBOX_USAGE_CYCLE_MS);
      usageTimer.unref();
    });
  }
  const sendOutboundMessage = (records: SfRecord[], organizationId = env.SALESFORCE_ORGANIZATION_ID) =>
    webhooks.dispatchOutboundMessage({
      organizationId,
      actionId: SANDBOX_OUTBOUND_ACTION_ID,
      notifications: records.map((r) => notificationFor('Case', r, OUTBOUND_CASE_FIELDS)),
    });
  const onCaseChanged = (record: SfRecord) => {
    if (notifications.muted) return;
    webhooks.dispatch('salesforce', 'CaseChanged', {
      event: 'CaseChanged',
      occurredAt: clock().toISOString(),
      sobject: 'Case',
      recordId: record.Id,
      accountId: typeof record.AccountId === 'string' ? record.AccountId : null,
    });
    if (notifications.outboundMessages) sendOutboundMessage([record]);
  };
  const onCaseCommentCreated = (comment: SfRecord) => {
    if (notifications.muted) return;
    const parent = typeof comment.ParentId === 'string' ? store.sobject('Case', comment.ParentId) : undefined;
    // As an after-insert trigger on CaseComment would send it: the comment is the record, its case's account the owner.
    webhooks.dispatch('salesforce', 'CaseCommentCreated', {
      event: 'CaseCommentCreated',
      occurredAt: clock().toISOString(),
      sobject: 'CaseComment',
      recordId: comment.Id,
      accountId: typeof parent?.AccountId === 'string' ? parent.AccountId : null,
    });
  };
  const onInvoiceCreated = (invoiceId: number, userid: number) => {
    // WHMCS's InvoiceCreated hook variables.
    emitWhmcs({
      event: 'InvoiceCreated',
      userid,
      params: { source: 'adminarea', user: 'system', invoiceid: invoiceId, status: 'Unpaid' },
    });
  };

  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    const status =
      error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500
        ? error.statusCode
        : 500;
    if (status === 500) request.log.error(error);
    if (request.url.startsWith('/services/')) {
      return reply.code(status).send([
        {
          message: status === 500 ? 'An unexpected error occurred.' : error.message,
          errorCode: status === 500 ? 'UNKNOWN_EXCEPTION' : 'JSON_PARSER_ERROR',
        },
      ]);
    }
    if (request.url.startsWith('/includes/'))
      return reply
        .code(status)
        .send({ result: 'error', message: status === 500 ? 'An unexpected error occurred' : error.message });
    return reply.code(status).send({
      error: status === 500 ? 'internal_error' : 'bad_request',
      message: status === 500 ? 'unexpected error' : error.message,
    });
  });
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith('/services/'))
      return reply
        .code(404)
        .send([{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]);
    return reply
      .code(404)
      .send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0] ?? ''}` });
  });

  // Prometheus: the calls the simulated upstreams received (a local test tool: served without a token).
  app.get('/metrics', async (_request, reply) =>
    reply.header('content-type', faults.registry.contentType).send(await faults.registry.metrics()),
  );

  registerWhmcsRoutes(app, {
    api: whmcsApi,
    faults,
    held,
    identifier: env.WHMCS_API_IDENTIFIER,
    secret: env.WHMCS_API_SECRET,
  });
  registerClientAreaRoutes(app, { store, api: whmcsApi });
  registerSalesforceRoutes(app, {
    store,
    sessions,
    faults,
    held,
    clientId: env.SALESFORCE_CLIENT_ID,
    clientSecret: env.SALESFORCE_CLIENT_SECRET,
    onCaseChanged,
    onCaseCommentCreated,
  });
  registerAdminRoutes(app, {
    store,
    faults,
    webhooks,
    sessions,
    whmcsApi,
    onCaseChanged,
    onCaseCommentCreated,
    onInvoiceCreated,
    emitWhmcs,
    notifications,
    sendOutboundMessage,
    usageCycle,
    reseed: () => {
      // Seeded records keep their ids; records created afterwards never reuse an id this process handed out before
      // (a real upstream never reuses one, and consumers key data by them).
      const before = store.data.counters;
      store.data = buildDemoData(clock(), seed);
      const after = store.data.counters;
      for (const key of Object.keys(after) as Array<keyof typeof after>)
        after[key] = Math.max(after[key], before[key]);
    },
  });
  registerMailRoutes(app, mail);
  app.get('/', async () => ({
    name: 'portico-sandbox',
    whmcs: '/includes/api.php',
    salesforce: '/services/data/',
    admin: '/__admin',
    mail: '/__admin/mail',
  }));

  app.addHook('onClose', async () => {
    if (usageTimer) clearInterval(usageTimer);
    held.releaseAll();
    webhooks.close();
    await mail.close();
  });
  return { app, env, store, faults, webhooks, sessions, mail, whmcsApiForTests: whmcsApi, usageCycle };
}
