/**
 * Broken object-level authorization matrix, generated from the route table.
 *
 * Every route the running app registers whose path holds `:accountId` must have an entry in {@link MATRIX} (the
 * test fails otherwise, so a new account-scoped route cannot ship untested). Each entry names the route's
 * permission and builds a sample request. For every such route, every role (one user per role, members of the own
 * account only) and each case:
 * - own account, own objects: the route's normal status where the role grants the permission, else 403;
 * - a foreign account (with that account's own object ids): 404, whatever the role;
 * - for nested ids (invoiceId, caseId, userId, inviteId): the own account id with another account's object: 404
 *   where the role grants the permission, else 403;
 * plus, once per route, no session: 401.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { RequestMethod } from '@nestjs/common';
import { GUARDS_METADATA, METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer } from '@nestjs/core';
import {
  casePageSchema,
  invoicePageSchema,
  roleHasPermission,
  roleSchema,
  subscriptionListSchema,
  type Permission,
  type Role,
} from '@portico/domain';
import type { Client } from 'pg';
import { AccountMemberGuard, PERMISSION_KEY } from '../../src/core/auth';
import { DEMO_ACCOUNTS } from '../../src/core/database/demo-seed';
import { createUser } from '../factories/account.factory';
import { testDb } from '../factories/db';
import { accountIdByName, loginAs, sessionHeaders } from '../support/login';
import { createTestApp, type TestApp } from '../support/test-app';

/** Ids the samples draw on: the own account (Acme) and a foreign one (Globex), with an object of each kind. */
interface Fixtures {
  own: { accountId: string; invoiceId: string; unpaidInvoiceId: string; caseId: string };
  foreign: {
    accountId: string;
    invoiceId: string;
    unpaidInvoiceId: string;
    caseId: string;
    userId: string;
    subscriptionId: string;
  };
  db: Client;
  /** The sandbox's base URL (its controls make fresh objects for routes that consume them). */
  sandbox: string;
}

/** One request: path parameters other than accountId, query string, JSON body. */
interface Sample {
  params?: Record<string, string>;
  query?: string;
  body?: object;
}

interface MatrixEntry {
  permission: Permission;
  /** Status of an allowed request with the sample (2xx, or the route's normal 4xx for it). */
  ok: number;
  /** A request against `accountId` (fresh fixtures for routes that consume them). */
  sample(f: Fixtures, accountId: string): Promise<Sample> | Sample;
  /** The nested id parameter, and an object of that kind belonging to the foreign account. */
  nested?: { param: string; foreign(f: Fixtures): Promise<string> | string };
}

async function inviteFixture(db: Client, accountId: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    "INSERT INTO invites (id, account_id, email, role, token_hash, expires_at) VALUES ($1, $2, $3, 'viewer', '$argon2id$fixture', now() + interval '7 days')",
    [id, accountId, `bola-${randomBytes(4).toString('hex')}@invitee.example`],
  );
  return id;
}

async function memberFixture(db: Client, accountId: string): Promise<string> {
  return (await createUser(db, { memberships: [{ accountId, role: 'viewer' }] })).id;
}

async function alertRuleFixture(db: Client, accountId: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    "INSERT INTO usage_alert_rules (id, account_id, metric, service_id, threshold_type, threshold_value, hysteresis) VALUES ($1, $2, 'disk', '', 'percent', 90, 0.05)",
    [id, accountId],
  );
  return id;
}

const usageRange = () =>
  `from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date().toISOString()}`;

const ownOrForeign = (f: Fixtures, accountId: string) => (accountId === f.own.accountId ? f.own : f.foreign);

async function notificationFixture(db: Client, accountId: string): Promise<string> {
  const id = randomUUID();
  await db.query(
    "INSERT INTO notifications (id, account_id, kind, dedup_key, title, body, link) VALUES ($1, $2, 'domain_expiring', $3, 'BOLA probe', 'probe', 'domains')",
    [id, accountId, `bola:${id}`],
  );
  return id;
}

const dashboardRange = () =>
  `from=${new Date(Date.now() - 86_400_000).toISOString()}&to=${new Date().toISOString()}`;

const savedDashboardBody = () => ({
  title: 'BOLA probe',
  visibility: 'shared',
  panels: [
    {
      id: 'upstreams',
      type: 'health_status',
      title: 'Upstreams',
      sources: ['upstreams'],
      gridPos: { x: 0, y: 0 },
    },
  ],
});

/** A shared saved dashboard of the account (made by a fresh viewer member), by name. */
async function savedDashboardFixture(db: Client, accountId: string): Promise<string> {
  const name = `bola-${randomBytes(4).toString('hex')}`;
  const userId = await memberFixture(db, accountId);
  await db.query(
    "INSERT INTO saved_dashboards (id, account_id, name, title, visibility, panels, created_by_user_id, updated_at) VALUES ($1, $2, $3, 'BOLA probe', 'shared', $4, $5, now())",
    [
      randomUUID(),
      accountId,
      name,
      JSON.stringify([
        {
          ...savedDashboardBody().panels[0],
          gridPos: { x: 0, y: 0, w: 3, h: 2 },
          refreshSeconds: 30,
        },
      ]),
      userId,
    ],
  );
  return name;
}

/** A fresh active service of the account's WHMCS client (1 = Acme, 2 = Globex), made through the sandbox. */
async function serviceFixture(f: Fixtures, accountId: string): Promise<string> {
  const userid = accountId === f.own.accountId ? 1 : 2;
  const res = await fetch(`${f.sandbox}/__admin/whmcs/services`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ userid, name: 'BOLA probe' }),
  });
  if (!res.ok) throw new Error(`sandbox service fixture: ${res.status}`);
  return String(((await res.json()) as { serviceid: number }).serviceid);
}
const newEmail = () => `bola-${randomBytes(4).toString('hex')}@invitee.example`;

/** The matrix: `METHOD path` as registered (Nest path syntax) -> permission and sample. */
const MATRIX: Readonly<Record<string, MatrixEntry>> = {
  'GET /api/v1/accounts/:accountId/status': { permission: 'dashboard:read', ok: 200, sample: () => ({}) },
  'GET /api/v1/accounts/:accountId/invoices': {
    permission: 'billing:read',
    ok: 200,
    sample: () => ({ query: 'status=all' }),
  },
  'GET /api/v1/accounts/:accountId/invoices/:invoiceId': {
    permission: 'billing:read',
    ok: 200,
    sample: (f, a) => ({ params: { invoiceId: ownOrForeign(f, a).invoiceId } }),
    nested: { param: 'invoiceId', foreign: (f) => f.foreign.invoiceId },
  },
  'GET /api/v1/accounts/:accountId/subscriptions': {
    permission: 'subscriptions:read',
    ok: 200,
    sample: () => ({}),
  },
  'GET /api/v1/accounts/:accountId/usage': {
    permission: 'usage:read',
    ok: 200,
    sample: () => ({
      query: `metric=disk&from=${new Date(Date.now() - 86_400_000).toISOString()}&to=${new Date().toISOString()}`,
    }),
  },
  'GET /api/v1/accounts/:accountId/usage/catalog': { permission: 'usage:read', ok: 200, sample: () => ({}) },
  'GET /api/v1/accounts/:accountId/usage/samples': {
    permission: 'usage:read',
    ok: 200,
    sample: () => ({ query: `metric=disk&${usageRange()}&limit=5` }),
  },
  'GET /api/v1/accounts/:accountId/usage.csv': {
    permission: 'usage:read',
    ok: 200,
    sample: () => ({ query: `metric=disk&${usageRange()}` }),
  },
  'GET /api/v1/accounts/:accountId/usage/alerts': { permission: 'usage:read', ok: 200, sample: () => ({}) },
  'POST /api/v1/accounts/:accountId/usage/alerts': {
    permission: 'alerts:manage',
    ok: 201,
    sample: () => ({ body: { metric: 'disk', threshold: { type: 'percent', value: 95 } } }),
  },
  'PATCH /api/v1/accounts/:accountId/usage/alerts/:ruleId': {
    permission: 'alerts:manage',
    ok: 200,
    sample: async (f, a) => ({
      params: { ruleId: await alertRuleFixture(f.db, a) },
      body: { enabled: false },
    }),
    nested: { param: 'ruleId', foreign: (f) => alertRuleFixture(f.db, f.foreign.accountId) },
  },
  'DELETE /api/v1/accounts/:accountId/usage/alerts/:ruleId': {
    permission: 'alerts:manage',
    ok: 204,
    sample: async (f, a) => ({ params: { ruleId: await alertRuleFixture(f.db, a) } }),
    nested: { param: 'ruleId', foreign: (f) => alertRuleFixture(f.db, f.foreign.accountId) },
  },
  'GET /api/v1/accounts/:accountId/cases': {
    permission: 'support:read',
    ok: 200,
    sample: () => ({ query: 'state=open' }),
  },
  'GET /api/v1/accounts/:accountId/cases/:caseId': {
    permission: 'support:read',
    ok: 200,
    sample: (f, a) => ({ params: { caseId: ownOrForeign(f, a).caseId } }),
    nested: { param: 'caseId', foreign: (f) => f.foreign.caseId },
  },
  'POST /api/v1/accounts/:accountId/cases': {
    permission: 'support:write',
    ok: 201,
    sample: () => ({
      body: {
        subject: 'BOLA matrix probe',
        description: 'Opened by the authorization matrix test.',
        priority: 'low',
      },
    }),
  },
  'GET /api/v1/accounts/:accountId/members': { permission: 'members:read', ok: 200, sample: () => ({}) },
  'GET /api/v1/accounts/:accountId/audit-events': {
    permission: 'audit:read',
    ok: 200,
    sample: () => ({ query: 'action=auth.login_succeeded' }),
  },
  'GET /api/v1/accounts/:accountId/audit-events.csv': {
    permission: 'audit:read',
    ok: 200,
    sample: () => ({}),
  },
  'POST /api/v1/accounts/:accountId/members/invites': {
    permission: 'members:manage',
    ok: 201,
    sample: () => ({ body: { email: newEmail(), role: 'viewer' } }),
  },
  'POST /api/v1/accounts/:accountId/members/invites/:inviteId/resend': {
    permission: 'members:manage',
    ok: 200,
    sample: async (f, a) => ({ params: { inviteId: await inviteFixture(f.db, a) } }),
    nested: { param: 'inviteId', foreign: (f) => inviteFixture(f.db, f.foreign.accountId) },
  },
  'DELETE /api/v1/accounts/:accountId/members/invites/:inviteId': {
    permission: 'members:manage',
    ok: 204,
    sample: async (f, a) => ({ params: { inviteId: await inviteFixture(f.db, a) } }),
    nested: { param: 'inviteId', foreign: (f) => inviteFixture(f.db, f.foreign.accountId) },
  },
  'PATCH /api/v1/accounts/:accountId/members/:userId': {
    permission: 'members:manage',
    ok: 200,
    sample: async (f, a) => ({ params: { userId: await memberFixture(f.db, a) }, body: { role: 'billing' } }),
    nested: { param: 'userId', foreign: (f) => f.foreign.userId },
  },
  'DELETE /api/v1/accounts/:accountId/members/:userId': {
    permission: 'members:manage',
    ok: 204,
    sample: async (f, a) => ({ params: { userId: await memberFixture(f.db, a) } }),
    nested: { param: 'userId', foreign: (f) => memberFixture(f.db, f.foreign.accountId) },
  },
  'GET /api/v1/accounts/:accountId/invoices.zip': {
    permission: 'billing:read',
    ok: 200,
    sample: () => ({
      query: `from=${new Date(Date.now() - 300 * 86_400_000).toISOString().slice(0, 10)}&to=${new Date().toISOString().slice(0, 10)}`,
    }),
  },
  'GET /api/v1/accounts/:accountId/invoices/:invoiceId/pdf': {
    permission: 'billing:read',
    ok: 200,
    sample: (f, a) => ({ params: { invoiceId: ownOrForeign(f, a).invoiceId } }),
    nested: { param: 'invoiceId', foreign: (f) => f.foreign.invoiceId },
  },
  'POST /api/v1/accounts/:accountId/invoices/:invoiceId/payment': {
    permission: 'billing:pay',
    ok: 201,
    sample: (f, a) => ({ params: { invoiceId: ownOrForeign(f, a).unpaidInvoiceId } }),
    nested: { param: 'invoiceId', foreign: (f) => f.foreign.unpaidInvoiceId },
  },
  'POST /api/v1/accounts/:accountId/subscriptions/:subscriptionId/cancellation': {
    permission: 'subscriptions:manage',
    ok: 201,
    sample: async (f, a) => ({
      params: { subscriptionId: await serviceFixture(f, a) },
      body: { type: 'end_of_billing_period', reason: 'Authorization matrix probe' },
    }),
    nested: { param: 'subscriptionId', foreign: (f) => f.foreign.subscriptionId },
  },
  'GET /api/v1/accounts/:accountId/domains': {
    permission: 'subscriptions:read',
    ok: 200,
    sample: () => ({ query: 'status=all' }),
  },
  'GET /api/v1/accounts/:accountId/payment-methods': {
    permission: 'billing:read',
    ok: 200,
    sample: () => ({}),
  },
  'POST /api/v1/accounts/:accountId/payment-methods/management': {
    permission: 'billing:pay',
    ok: 201,
    sample: () => ({}),
  },
  'GET /api/v1/accounts/:accountId/cases/:caseId/comments': {
    permission: 'support:read',
    ok: 200,
    sample: (f, a) => ({ params: { caseId: ownOrForeign(f, a).caseId } }),
    nested: { param: 'caseId', foreign: (f) => f.foreign.caseId },
  },
  'POST /api/v1/accounts/:accountId/cases/:caseId/comments': {
    permission: 'support:write',
    ok: 201,
    sample: (f, a) => ({
      params: { caseId: ownOrForeign(f, a).caseId },
      body: { body: 'Authorization matrix probe reply.' },
    }),
    nested: { param: 'caseId', foreign: (f) => f.foreign.caseId },
  },
  'GET /api/v1/accounts/:accountId/notifications': {
    permission: 'dashboard:read',
    ok: 200,
    sample: () => ({ query: 'unread=true' }),
  },
  'POST /api/v1/accounts/:accountId/notifications/read-all': {
    permission: 'dashboard:read',
    ok: 204,
    sample: () => ({}),
  },
  'GET /api/v1/accounts/:accountId/notifications/preferences': {
    permission: 'dashboard:read',
    ok: 200,
    sample: () => ({}),
  },
  'PUT /api/v1/accounts/:accountId/notifications/preferences': {
    permission: 'dashboard:read',
    ok: 200,
    sample: () => ({ body: { items: [{ kind: 'domain_expiring', email: false }] } }),
  },
  'POST /api/v1/accounts/:accountId/notifications/:notificationId/read': {
    permission: 'dashboard:read',
    ok: 204,
    sample: async (f, a) => ({ params: { notificationId: await notificationFixture(f.db, a) } }),
    nested: { param: 'notificationId', foreign: (f) => notificationFixture(f.db, f.foreign.accountId) },
  },
  'GET /api/v1/accounts/:accountId/dashboards': { permission: 'dashboard:read', ok: 200, sample: () => ({}) },
  'GET /api/v1/accounts/:accountId/dashboards/:name': {
    permission: 'dashboard:read',
    ok: 200,
    sample: () => ({ params: { name: 'default' } }),
  },
  'GET /api/v1/accounts/:accountId/dashboards/:name/panels/:panelId/data': {
    permission: 'dashboard:read',
    ok: 200,
    sample: () => ({ params: { name: 'performance', panelId: 'upstreams' }, query: dashboardRange() }),
  },
  'GET /api/v1/accounts/:accountId/dashboards/:name/panels/:panelId/data.csv': {
    permission: 'dashboard:read',
    ok: 200,
    sample: () => ({ params: { name: 'performance', panelId: 'upstreams' }, query: dashboardRange() }),
  },
  'POST /api/v1/accounts/:accountId/dashboards': {
    permission: 'dashboards:manage',
    ok: 201,
    sample: () => ({ body: { name: `bola-${randomBytes(4).toString('hex')}`, ...savedDashboardBody() } }),
  },
  'PUT /api/v1/accounts/:accountId/dashboards/:name': {
    permission: 'dashboards:manage',
    ok: 200,
    sample: async (f, a) => ({
      params: { name: await savedDashboardFixture(f.db, a) },
      body: savedDashboardBody(),
    }),
    nested: { param: 'name', foreign: (f) => savedDashboardFixture(f.db, f.foreign.accountId) },
  },
  'DELETE /api/v1/accounts/:accountId/dashboards/:name': {
    permission: 'dashboards:manage',
    ok: 204,
    sample: async (f, a) => ({ params: { name: await savedDashboardFixture(f.db, a) } }),
    nested: { param: 'name', foreign: (f) => savedDashboardFixture(f.db, f.foreign.accountId) },
  },
  'GET /api/v1/accounts/:accountId/security': { permission: 'security:manage', ok: 200, sample: () => ({}) },
  'PUT /api/v1/accounts/:accountId/security': {
    permission: 'security:manage',
    ok: 200,
    sample: () => ({ body: { mfaRequired: false } }),
  },
};

/** A route the app registered, read from Nest's controller metadata. */
interface RegisteredRoute {
  key: string;
  method: string;
  path: string;
  permission: Permission | undefined;
  memberGuard: boolean;
}

function joinPath(...parts: (string | undefined)[]): string {
  return `/${parts
    .flatMap((p) => (p ?? '').split('/'))
    .filter(Boolean)
    .join('/')}`;
}

/** Every route of every controller of the running app, with its permission and whether AccountMemberGuard runs. */
function registeredRoutes(t: TestApp): RegisteredRoute[] {
  const discovery = new DiscoveryService(t.app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const routes: RegisteredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const controller = wrapper.metatype as (new (...args: never[]) => unknown) | null;
    if (!controller) continue;
    const prefixes = ([] as string[]).concat(Reflect.getMetadata(PATH_METADATA, controller) ?? '');
    const classGuards = (Reflect.getMetadata(GUARDS_METADATA, controller) ?? []) as unknown[];
    for (const name of scanner.getAllMethodNames(controller.prototype)) {
      const handler = (controller.prototype as Record<string, unknown>)[name] as object;
      const methodPath = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      const requestMethod = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (methodPath === undefined || requestMethod === undefined) continue;
      const guards = [
        ...classGuards,
        ...((Reflect.getMetadata(GUARDS_METADATA, handler) ?? []) as unknown[]),
      ];
      const permission = (Reflect.getMetadata(PERMISSION_KEY, handler) ??
        Reflect.getMetadata(PERMISSION_KEY, controller)) as Permission | undefined;
      for (const prefix of prefixes) {
        for (const p of ([] as string[]).concat(methodPath)) {
          const method = RequestMethod[requestMethod];
          const path = joinPath(prefix, p);
          routes.push({
            key: `${method} ${path}`,
            method,
            path,
            permission,
            memberGuard: guards.includes(AccountMemberGuard),
          });
        }
      }
    }
  }
  return routes;
}

describe('BOLA matrix: every account-scoped route x every role x own / foreign ids (integration)', () => {
  let t: TestApp;
  let db: Client;
  let fixtures: Fixtures;
  let accountScoped: RegisteredRoute[];
  const cookies = new Map<Role, string>();
  const counted = {
    routes: 0,
    roles: roleSchema.options.length,
    requests: 0,
    byCase: { own: 0, foreignAccount: 0, foreignObject: 0, anonymous: 0 },
  };

  async function send(method: string, path: string, cookie: string | null, body?: object): Promise<number> {
    counted.requests += 1;
    const headers: Record<string, string> = body ? { 'content-type': 'application/json' } : {};
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: cookie ? sessionHeaders(cookie, headers) : headers,
      body: body ? JSON.stringify(body) : undefined,
    });
    await res.arrayBuffer();
    return res.status;
  }

  function url(route: RegisteredRoute, accountId: string, sample: Sample): string {
    const params: Record<string, string> = { accountId, ...sample.params };
    const path = route.path.replace(/:(\w+)/g, (_m, name: string) => {
      const value = params[name];
      if (value === undefined) throw new Error(`${route.key}: the sample gives no ${name}`);
      return encodeURIComponent(value);
    });
    return sample.query ? `${path}?${sample.query}` : path;
  }

  beforeAll(async () => {
    t = await createTestApp();
    db = await testDb();
    const sandbox = new URL(t.env.SALESFORCE_LOGIN_URL).origin;
    expect((await fetch(`${sandbox}/__admin/reset`, { method: 'POST' })).ok).toBe(true);
    const [acme, globex] = [DEMO_ACCOUNTS[0]!.id, DEMO_ACCOUNTS[1]!.id];

    const acmeOwner = await loginAs(t.url, 'owner@acme.example');
    const globexOwner = await loginAs(t.url, 'owner@globex.example');
    expect(await accountIdByName(t.url, globexOwner, 'Globex Corporation')).toBe(globex);
    const first = async <T>(
      path: string,
      cookie: string,
      parse: (v: unknown) => { items: T[] },
    ): Promise<T> => {
      const res = await fetch(`${t.url}${path}`, { headers: { cookie } });
      const item = parse(await res.json()).items[0];
      if (item === undefined) throw new Error(`${path} is empty`);
      return item;
    };
    const globexOwnerId = (
      await db.query<{ id: string }>("SELECT id FROM users WHERE email = 'owner@globex.example'")
    ).rows[0]!.id;
    fixtures = {
      db,
      sandbox,
      own: {
        accountId: acme,
        invoiceId: (
          await first(`/api/v1/accounts/${acme}/invoices`, acmeOwner, (v) => invoicePageSchema.parse(v))
        ).id,
        unpaidInvoiceId: (
          await first(`/api/v1/accounts/${acme}/invoices?status=open`, acmeOwner, (v) =>
            invoicePageSchema.parse(v),
          )
        ).id,
        caseId: (
          await first(`/api/v1/accounts/${acme}/cases?state=open`, acmeOwner, (v) => casePageSchema.parse(v))
        ).id,
      },
      foreign: {
        accountId: globex,
        invoiceId: (
          await first(`/api/v1/accounts/${globex}/invoices`, globexOwner, (v) => invoicePageSchema.parse(v))
        ).id,
        unpaidInvoiceId: (
          await first(`/api/v1/accounts/${globex}/invoices?status=open`, globexOwner, (v) =>
            invoicePageSchema.parse(v),
          )
        ).id,
        caseId: (
          await first(`/api/v1/accounts/${globex}/cases?state=open`, globexOwner, (v) =>
            casePageSchema.parse(v),
          )
        ).id,
        userId: globexOwnerId,
        subscriptionId: (
          await first(`/api/v1/accounts/${globex}/subscriptions`, globexOwner, (v) =>
            subscriptionListSchema.parse(v),
          )
        ).id,
      },
    };

    for (const role of roleSchema.options) {
      const user = await createUser(db, { name: `BOLA ${role}`, memberships: [{ accountId: acme, role }] });
      cookies.set(role, await loginAs(t.url, user.email, user.password));
    }
    accountScoped = registeredRoutes(t).filter((r) => r.path.includes(':accountId'));
  });
  afterAll(async () => {
    // The figures the closing note quotes.
    const c = counted;
    const cases = c.byCase.own + c.byCase.foreignAccount + c.byCase.foreignObject;
    console.log(
      `BOLA matrix: ${c.routes} account-scoped routes x ${c.roles} roles; ${cases} role cases ` +
        `(own ${c.byCase.own}, foreign account ${c.byCase.foreignAccount}, foreign object ${c.byCase.foreignObject}) ` +
        `+ ${c.byCase.anonymous} anonymous = ${c.requests} requests`,
    );
    // The probes' saved dashboards would show in other suites' dashboard lists of the same accounts.
    await db.query("DELETE FROM saved_dashboards WHERE name LIKE 'bola-%'");
    await t.close();
    await db.end();
  });

  it('finds the routes in the running app, and every account-scoped route has a matrix entry, guard and permission', () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    expect(accountScoped.length).toBeGreaterThanOrEqual(Object.keys(MATRIX).length);
    for (const route of accountScoped) {
      expect(fastify.hasRoute({ method: route.method, url: route.path })).toBe(true);
      expect({ route: route.key, inMatrix: route.key in MATRIX }).toEqual({
        route: route.key,
        inMatrix: true,
      });
      expect({ route: route.key, guarded: route.memberGuard }).toEqual({ route: route.key, guarded: true });
      expect({ route: route.key, permission: route.permission }).toEqual({
        route: route.key,
        permission: MATRIX[route.key]?.permission,
      });
    }
    const stale = Object.keys(MATRIX).filter((key) => !accountScoped.some((r) => r.key === key));
    expect(stale).toEqual([]);
  });

  it('answers each role as the permission matrix says, 404 for foreign accounts and objects, 401 without a session', async () => {
    const failures: string[] = [];
    const expectStatus = (label: string, actual: number, expected: number) => {
      if (actual !== expected) failures.push(`${label}: expected ${expected}, got ${actual}`);
    };
    for (const route of accountScoped) {
      const entry = MATRIX[route.key];
      if (!entry) continue;
      counted.routes += 1;
      const anonymous = await entry.sample(fixtures, fixtures.own.accountId);
      expectStatus(
        `${route.key} anonymous`,
        await send(route.method, url(route, fixtures.own.accountId, anonymous), null, anonymous.body),
        401,
      );
      counted.byCase.anonymous += 1;
      for (const role of roleSchema.options) {
        const cookie = cookies.get(role)!;
        const allowed = roleHasPermission(role, entry.permission);

        const own = await entry.sample(fixtures, fixtures.own.accountId);
        expectStatus(
          `${route.key} ${role} own`,
          await send(route.method, url(route, fixtures.own.accountId, own), cookie, own.body),
          allowed ? entry.ok : 403,
        );
        counted.byCase.own += 1;

        const foreign = await entry.sample(fixtures, fixtures.foreign.accountId);
        expectStatus(
          `${route.key} ${role} foreign account`,
          await send(route.method, url(route, fixtures.foreign.accountId, foreign), cookie, foreign.body),
          404,
        );
        counted.byCase.foreignAccount += 1;

        if (entry.nested) {
          const sample = await entry.sample(fixtures, fixtures.own.accountId);
          const crossed = {
            ...sample,
            params: { ...sample.params, [entry.nested.param]: await entry.nested.foreign(fixtures) },
          };
          expectStatus(
            `${route.key} ${role} foreign ${entry.nested.param}`,
            await send(route.method, url(route, fixtures.own.accountId, crossed), cookie, crossed.body),
            allowed ? 404 : 403,
          );
          counted.byCase.foreignObject += 1;
        }
      }
    }
    expect(failures).toEqual([]);
    expect(counted.routes).toBe(Object.keys(MATRIX).length);
  });
});
