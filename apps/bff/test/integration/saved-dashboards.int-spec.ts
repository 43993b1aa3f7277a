import {
  apiErrorSchema,
  dashboardListSchema,
  dashboardSchema,
  panelDataSchema,
  type Role,
} from '@portico/domain';
import type { Client } from 'pg';
import { DEMO_ACCOUNTS } from '../../src/core/database/demo-seed';
import { DbContext } from '../../src/core/prisma/db-context';
import { PrismaService } from '../../src/core/prisma/prisma.service';
import { createUser } from '../factories/account.factory';
import { testDb } from '../factories/db';
import { loginAs, sessionHeaders } from '../support/login';
import { createTestApp, testEnv, type TestApp } from '../support/test-app';

const DAY = 86_400_000;
const [acme, globex] = DEMO_ACCOUNTS;

/**
 * Saved dashboards: owners and admins save their own dashboards beside the configured ones, validated like the
 * dashboard files, private (creator only) or shared, isolated per account by the route and row-level security.
 */
describe('saved dashboards (integration)', () => {
  let t: TestApp;
  let db: Client;
  let prisma: PrismaService;
  let owner: string;
  let admin: { id: string; cookie: string };
  let viewer: { id: string; cookie: string };
  let billing: string;
  let globexOwner: string;

  const base = (accountId: string) => `/api/v1/accounts/${accountId}/dashboards`;
  async function call(
    method: string,
    path: string,
    cookie: string,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: sessionHeaders(cookie, body === undefined ? {} : { 'content-type': 'application/json' }),
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
  const expectError = (res: { status: number; body: unknown }, status: number, code: string) => {
    expect(res.status).toBe(status);
    const e = apiErrorSchema.parse(res.body);
    expect(e.code).toBe(code);
    expect(e.message.length).toBeGreaterThan(0);
    return e;
  };
  async function member(role: Role): Promise<{ id: string; cookie: string }> {
    const user = await createUser(db, { memberships: [{ accountId: acme!.id, role }] });
    return { id: user.id, cookie: await loginAs(t.url, user.email, user.password) };
  }
  const names = async (cookie: string, accountId = acme!.id) => {
    const res = await call('GET', base(accountId), cookie);
    expect(res.status).toBe(200);
    return dashboardListSchema.parse(res.body).items.map((d) => d.name);
  };

  const body = (name: string, visibility: 'private' | 'shared') => ({
    name,
    title: `Saved ${name}`,
    visibility,
    panels: [
      {
        id: 'bandwidth',
        type: 'kpi',
        title: 'Bandwidth',
        measure: 'usage_total',
        metric: 'bandwidth',
        gridPos: { x: 0, y: 0 },
      },
      {
        id: 'disk-trend',
        type: 'timeseries',
        title: 'Disk',
        metrics: ['disk'],
        gridPos: { x: 0, y: 2, w: 12, h: 4 },
      },
    ],
  });

  beforeAll(async () => {
    t = await createTestApp();
    db = await testDb();
    prisma = new PrismaService(testEnv());
    [owner, billing, globexOwner] = await Promise.all([
      loginAs(t.url, 'owner@acme.example'),
      loginAs(t.url, 'billing@acme.example'),
      loginAs(t.url, 'owner@globex.example'),
    ]);
    admin = await member('admin');
    viewer = await member('viewer');
  });
  afterAll(async () => {
    await db.query("DELETE FROM saved_dashboards WHERE name LIKE 'it-%'");
    await prisma.onModuleDestroy();
    await db.end();
    await t.close();
  });

  it('saves a shared dashboard: listed after the configured ones, read with its panels, panel data served', async () => {
    const res = await call('POST', base(acme!.id), owner, body('it-shared', 'shared'));
    expect(res.status).toBe(201);
    const saved = dashboardSchema.parse(res.body);
    expect(saved).toMatchObject({ name: 'it-shared', source: 'saved', visibility: 'shared', editable: true });
    expect(saved.panels[0]).toMatchObject({ gridPos: { x: 0, y: 0, w: 3, h: 2 }, refreshSeconds: 300 });

    const list = dashboardListSchema.parse((await call('GET', base(acme!.id), viewer.cookie)).body);
    expect(list.items.map((d) => d.name)).toEqual(['default', 'performance', 'it-shared']);
    expect(list.items[2]).toMatchObject({ source: 'saved', editable: false, panelCount: 2 });
    expect(list.items[0]).toMatchObject({ source: 'configuration', editable: false });

    const to = new Date();
    const query = new URLSearchParams({
      from: new Date(to.getTime() - 7 * DAY).toISOString(),
      to: to.toISOString(),
    }).toString();
    const data = await call(
      'GET',
      `${base(acme!.id)}/it-shared/panels/bandwidth/data?${query}`,
      viewer.cookie,
    );
    expect(data.status).toBe(200);
    const kpi = panelDataSchema.parse(data.body);
    if (kpi.type !== 'kpi') throw new Error(kpi.type);
    expect(kpi.value).toBeGreaterThan(0);
    // A billing member reads the dashboard, not its usage panels.
    expectError(
      await call('GET', `${base(acme!.id)}/it-shared/panels/disk-trend/data?${query}`, billing),
      403,
      'forbidden',
    );
  });

  it('private dashboards: only their creator sees, reads, changes or deletes them', async () => {
    expect((await call('POST', base(acme!.id), admin.cookie, body('it-private', 'private'))).status).toBe(
      201,
    );
    expect(await names(admin.cookie)).toContain('it-private');
    expect(await names(owner)).not.toContain('it-private');
    expect(await names(viewer.cookie)).not.toContain('it-private');
    expectError(await call('GET', `${base(acme!.id)}/it-private`, owner), 404, 'not_found');
    expectError(
      await call('PUT', `${base(acme!.id)}/it-private`, owner, { ...body('x', 'shared'), name: undefined }),
      404,
      'not_found',
    );
    expectError(await call('DELETE', `${base(acme!.id)}/it-private`, owner), 404, 'not_found');
    // The name is the account's: taken even though the owner cannot see it.
    expectError(await call('POST', base(acme!.id), owner, body('it-private', 'shared')), 409, 'conflict');

    // Shared by its creator, everyone sees it; only the creator may make it private again.
    const { name: _n, ...update } = body('it-private', 'shared');
    void _n;
    const shared = await call('PUT', `${base(acme!.id)}/it-private`, admin.cookie, {
      ...update,
      title: 'Now shared',
    });
    expect(shared.status).toBe(200);
    expect(dashboardSchema.parse(shared.body)).toMatchObject({ title: 'Now shared', visibility: 'shared' });
    expect(await names(owner)).toContain('it-private');
    expectError(
      await call('PUT', `${base(acme!.id)}/it-private`, owner, { ...update, visibility: 'private' }),
      403,
      'forbidden',
    );
    expect((await call('DELETE', `${base(acme!.id)}/it-private`, admin.cookie)).status).toBe(204);
    expect(await names(admin.cookie)).not.toContain('it-private');
  });

  it('validates like the dashboard files: 400 with code, message and the field at fault', async () => {
    const bad = body('it-bad', 'shared');
    const unknownMetric = expectError(
      await call('POST', base(acme!.id), owner, {
        ...bad,
        panels: [{ ...bad.panels[0], metric: 'no_such_metric' }],
      }),
      400,
      'validation_failed',
    );
    expect(unknownMetric.details?.[0]?.path).toBe('body.panels.0.metric');
    expect(unknownMetric.details?.[0]?.message).toMatch(/unknown metric/);

    const overlap = expectError(
      await call('POST', base(acme!.id), owner, {
        ...bad,
        panels: [bad.panels[0], { ...bad.panels[1], gridPos: { x: 1, y: 1, w: 4, h: 2 } }],
      }),
      400,
      'validation_failed',
    );
    expect(overlap.details?.some((d) => /overlaps/.test(d.message))).toBe(true);

    expectError(
      await call('POST', base(acme!.id), owner, {
        ...bad,
        panels: [{ ...bad.panels[0], gridPos: { x: 10, y: 0, w: 4 } }],
      }),
      400,
      'validation_failed',
    );
    expectError(await call('POST', base(acme!.id), owner, { ...bad, panels: [] }), 400, 'validation_failed');
    expectError(
      await call('POST', base(acme!.id), owner, { ...bad, name: 'Bad Name' }),
      400,
      'validation_failed',
    );
    expectError(await call('POST', base(acme!.id), owner, { ...bad, extra: 1 }), 400, 'validation_failed');
    const clash = expectError(
      await call('POST', base(acme!.id), owner, { ...bad, name: 'performance' }),
      400,
      'validation_failed',
    );
    expect(clash.details?.[0]?.path).toBe('body.name');
    // Configured dashboards are read only.
    const { name: _n, ...update } = bad;
    void _n;
    expectError(await call('PUT', `${base(acme!.id)}/performance`, owner, update), 404, 'not_found');
    expectError(await call('DELETE', `${base(acme!.id)}/default`, owner), 404, 'not_found');
  });

  it('owners and admins write; other roles read only', async () => {
    for (const cookie of [viewer.cookie, billing])
      expectError(await call('POST', base(acme!.id), cookie, body('it-denied', 'shared')), 403, 'forbidden');
    expectError(await call('DELETE', `${base(acme!.id)}/it-shared`, viewer.cookie), 403, 'forbidden');
    expect(await names(owner)).not.toContain('it-denied');
  });

  it("isolates accounts: another account's owner neither sees nor reaches them, and RLS hides the rows", async () => {
    expect(await names(globexOwner, globex!.id)).not.toContain('it-shared');
    expectError(await call('GET', `${base(globex!.id)}/it-shared`, globexOwner), 404, 'not_found');
    expectError(await call('GET', `${base(acme!.id)}/it-shared`, globexOwner), 404, 'not_found');
    expectError(await call('DELETE', `${base(acme!.id)}/it-shared`, globexOwner), 404, 'not_found');

    await call('POST', base(acme!.id), admin.cookie, body('it-rls-private', 'private'));
    // The application's own client, no filter in the query: the policy decides.
    const inAccount = (accountId: string, userId?: string) =>
      DbContext.runWithAccount(
        accountId,
        async () => await prisma.savedDashboard.findMany({ select: { name: true } }),
        userId,
      );
    const asAdmin = (await inAccount(acme!.id, admin.id)).map((r) => r.name);
    expect(asAdmin).toEqual(expect.arrayContaining(['it-shared', 'it-rls-private']));
    const asViewer = (await inAccount(acme!.id, viewer.id)).map((r) => r.name);
    expect(asViewer).toContain('it-shared');
    expect(asViewer).not.toContain('it-rls-private');
    expect((await inAccount(globex!.id)).map((r) => r.name)).not.toContain('it-shared');
    // Writing into another account, or a private row for someone else, is refused by the policy.
    await expect(
      DbContext.runWithAccount(
        globex!.id,
        async () =>
          await prisma.savedDashboard.create({
            data: {
              accountId: acme!.id,
              name: 'it-rls-forged',
              title: 'x',
              visibility: 'shared',
              panels: [],
              createdByUserId: admin.id,
            },
          }),
        admin.id,
      ),
    ).rejects.toThrow();
    expect(
      await DbContext.runWithAccount(
        acme!.id,
        async () => await prisma.savedDashboard.deleteMany({ where: { name: 'it-rls-private' } }),
        viewer.id,
      ),
    ).toEqual({ count: 0 });
  });
});
