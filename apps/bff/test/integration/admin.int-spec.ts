import { adminAccountPageSchema, adminAccountSchema, apiErrorSchema, meSchema } from '@portico/domain';
import type { Client } from 'pg';
import { DEMO_ACCOUNTS } from '../../src/core/database/demo-seed';
import { testDb } from '../factories/db';
import { createTestApp, type TestApp } from '../support/test-app';
import { loginAs, sessionHeaders } from '../support/login';

const ADMIN = 'admin@portico.example';

describe('platform administration API (integration)', () => {
  let t: TestApp;
  let db: Client;
  let admin: string;
  let owner: string;

  async function call(
    method: string,
    path: string,
    cookie: string | null,
    body?: unknown,
  ): Promise<{ status: number; body: unknown }> {
    const headers = cookie === null ? {} : method === 'GET' ? { cookie } : sessionHeaders(cookie);
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  beforeAll(async () => {
    t = await createTestApp();
    db = await testDb();
    admin = await loginAs(t.url, ADMIN);
    owner = await loginAs(t.url, 'owner@acme.example');
  });
  afterAll(async () => {
    await t.close();
    await db.end();
  });

  it('says platformAdmin in /me', async () => {
    expect(meSchema.parse((await call('GET', '/api/v1/me', admin)).body)).toMatchObject({
      platformAdmin: true,
      memberships: [],
    });
    expect(meSchema.parse((await call('GET', '/api/v1/me', owner)).body).platformAdmin).toBe(false);
  });

  it('hides the admin API from everyone else: 404 for members, 401 without a session', async () => {
    expect((await call('GET', '/api/v1/admin/accounts', owner)).status).toBe(404);
    expect((await call('POST', '/api/v1/admin/accounts', owner, { name: 'Nope' })).status).toBe(404);
    expect(
      (await call('PATCH', `/api/v1/admin/accounts/${DEMO_ACCOUNTS[0]!.id}`, owner, { whmcsClientId: 99 }))
        .status,
    ).toBe(404);
    expect((await call('GET', '/api/v1/admin/accounts', null)).status).toBe(401);
  });

  it('lists every account with its ids and member count, searches and pages', async () => {
    const page = adminAccountPageSchema.parse(
      (await call('GET', '/api/v1/admin/accounts?pageSize=100', admin)).body,
    );
    const acme = page.items.find((a) => a.id === DEMO_ACCOUNTS[0]!.id);
    expect(acme).toMatchObject({
      name: 'Acme Hosting Ltd',
      whmcsClientId: 1,
      salesforceAccountId: '001A0000001AcmeAAA',
    });
    expect(acme!.memberCount).toBeGreaterThanOrEqual(2);
    expect(page.items.length).toBeGreaterThanOrEqual(3);

    // A number also matches names containing it: the WHMCS client id 2 finds Globex among them.
    const byWhmcs = adminAccountPageSchema.parse(
      (await call('GET', '/api/v1/admin/accounts?search=2&pageSize=100', admin)).body,
    );
    expect(byWhmcs.items.filter((a) => a.whmcsClientId === 2).map((a) => a.name)).toEqual([
      'Globex Corporation',
    ]);
    expect(byWhmcs.items.every((a) => a.whmcsClientId === 2 || a.name.includes('2'))).toBe(true);
    for (const search of ['globex', 'GLOBEX corp', '001A0000002GlbxAAA', DEMO_ACCOUNTS[1]!.id]) {
      const found = adminAccountPageSchema.parse(
        (await call('GET', `/api/v1/admin/accounts?search=${encodeURIComponent(search)}`, admin)).body,
      );
      expect([search, found.items.map((a) => a.name)]).toEqual([search, ['Globex Corporation']]);
    }
    const one = adminAccountPageSchema.parse(
      (await call('GET', '/api/v1/admin/accounts?pageSize=1&page=2', admin)).body,
    );
    expect(one.items).toHaveLength(1);
    expect(one.page.total).toBe(page.page.total);
  });

  it("creates and links an account, audited in that account's log", async () => {
    const name = `Hooli ${Date.now()}`;
    const created = await call('POST', '/api/v1/admin/accounts', admin, { name });
    expect(created.status).toBe(201);
    const account = adminAccountSchema.parse(created.body);
    expect(account).toMatchObject({ name, whmcsClientId: null, salesforceAccountId: null, memberCount: 0 });

    const sfId = `001A${String(Date.now()).slice(-8)}HooAAA`;
    const linked = await call('PATCH', `/api/v1/admin/accounts/${account.id}`, admin, {
      whmcsClientId: 900_001,
      salesforceAccountId: sfId,
    });
    expect(linked.status).toBe(200);
    expect(adminAccountSchema.parse(linked.body)).toMatchObject({
      id: account.id,
      whmcsClientId: 900_001,
      salesforceAccountId: sfId,
    });

    const unlinked = await call('PATCH', `/api/v1/admin/accounts/${account.id}`, admin, {
      whmcsClientId: null,
    });
    expect(adminAccountSchema.parse(unlinked.body)).toMatchObject({
      whmcsClientId: null,
      salesforceAccountId: sfId,
    });

    const { rows } = await db.query<{
      action: string;
      actor_user_id: string;
      target: string;
      metadata: Record<string, unknown>;
      request_id: string;
    }>(
      'SELECT action, actor_user_id, target, metadata, request_id FROM audit_events WHERE account_id = $1 ORDER BY occurred_at',
      [account.id],
    );
    expect(rows.map((r) => r.action)).toEqual([
      'admin.account_created',
      'admin.account_linked',
      'admin.account_linked',
    ]);
    expect(rows[1]).toMatchObject({
      target: account.id,
      metadata: { whmcsClientId: 900_001, previousWhmcsClientId: null, salesforceAccountId: sfId },
    });
    expect(
      rows.every((r) => r.actor_user_id === '5b1f0c3e-0000-4000-9000-0000000000ad' && r.request_id),
    ).toBe(true);
  });

  it('answers 409 when an id is linked to another account, changing nothing', async () => {
    const created = adminAccountSchema.parse(
      (await call('POST', '/api/v1/admin/accounts', admin, { name: `Clash ${Date.now()}` })).body,
    );
    const whmcs = await call('PATCH', `/api/v1/admin/accounts/${created.id}`, admin, {
      whmcsClientId: 1,
      name: 'Renamed',
    });
    expect(whmcs.status).toBe(409);
    expect(apiErrorSchema.parse(whmcs.body)).toMatchObject({
      code: 'conflict',
      details: [{ path: 'body.whmcsClientId' }],
    });
    const sf = await call('PATCH', `/api/v1/admin/accounts/${created.id}`, admin, {
      salesforceAccountId: '001A0000001AcmeAAA',
    });
    expect(sf.status).toBe(409);
    expect(apiErrorSchema.parse(sf.body)).toMatchObject({
      code: 'conflict',
      details: [{ path: 'body.salesforceAccountId' }],
    });
    const onCreate = await call('POST', '/api/v1/admin/accounts', admin, { name: 'Dup', whmcsClientId: 2 });
    expect(onCreate.status).toBe(409);
    const after = adminAccountPageSchema.parse(
      (await call('GET', `/api/v1/admin/accounts?search=${created.id}`, admin)).body,
    );
    expect(after.items[0]).toMatchObject({
      name: created.name,
      whmcsClientId: null,
      salesforceAccountId: null,
    });
  });

  it('validates the link: positive integer WHMCS id, 15/18-character Salesforce id, known fields, something to change', async () => {
    const id = DEMO_ACCOUNTS[2]!.id;
    const bad: unknown[] = [
      { whmcsClientId: -3 },
      { whmcsClientId: 0 },
      { whmcsClientId: 1.5 },
      { whmcsClientId: '7' },
      { salesforceAccountId: 'short' },
      { salesforceAccountId: '001A0000003InitAAAX' },
      { salesforceAccountId: '001A0000003Init!AA' },
      {},
      { accountId: 'x' },
    ];
    for (const body of bad) {
      const res = await call('PATCH', `/api/v1/admin/accounts/${id}`, admin, body);
      expect([body, res.status]).toEqual([body, 400]);
      expect(apiErrorSchema.parse(res.body).code).toBe('validation_failed');
    }
    expect(
      (
        await call('PATCH', '/api/v1/admin/accounts/00000000-0000-4000-8000-000000000000', admin, {
          whmcsClientId: 5,
        })
      ).status,
    ).toBe(404);
    expect(
      (await call('PATCH', '/api/v1/admin/accounts/not-a-uuid', admin, { whmcsClientId: 5 })).status,
    ).toBe(404);
    // 15-character ids are accepted too.
    const fifteen = await call('PATCH', `/api/v1/admin/accounts/${id}`, admin, {
      salesforceAccountId: '001A0000003Init',
    });
    expect(fifteen.status).toBe(200);
    await call('PATCH', `/api/v1/admin/accounts/${id}`, admin, { salesforceAccountId: '001A0000003InitAAA' });
  });
});
