import { auditEventPageSchema, apiErrorSchema } from '@portico/domain';
import { parse } from 'csv-parse/sync';
import type { Client } from 'pg';
import { DEMO_ACCOUNTS, DEMO_PASSWORD } from '../../src/core/database/demo-seed';
import { AUDIT_CSV_COLUMNS } from '../../src/modules/audit/audit.service';
import { createUser } from '../factories/account.factory';
import { testDb } from '../factories/db';
import { createTestApp, type TestApp } from '../support/test-app';
import { loginAs } from '../support/login';

const ACME = DEMO_ACCOUNTS[0]!.id;
const GLOBEX = DEMO_ACCOUNTS[1]!.id;

describe('audit log API (integration)', () => {
  let t: TestApp;
  let db: Client;
  let owner: string;
  const marker = `case-${Date.now()}`;

  async function get(
    path: string,
    cookie: string,
  ): Promise<{ status: number; body: unknown; res: Response }> {
    const res = await fetch(`${t.url}${path}`, { headers: { cookie, 'user-agent': 'audit-test/1.0' } });
    const text = await res.text();
    let body: unknown = text;
    try {
      body = JSON.parse(text);
    } catch {
      // CSV
    }
    return { status: res.status, body, res };
  }

  beforeAll(async () => {
    t = await createTestApp();
    db = await testDb();
    owner = await loginAs(t.url, 'owner@acme.example');
    // A failed sign-in of a member (audited with the member as actor, no account).
    await fetch(`${t.url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'billing@acme.example', password: `${DEMO_PASSWORD}-wrong` }),
    });
    const insert =
      'INSERT INTO audit_events (id, account_id, actor_user_id, action, target, ip, occurred_at) VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6)';
    await db.query(insert, [
      ACME,
      null,
      'support.case_created',
      marker,
      '203.0.113.7',
      '2026-01-01T10:00:00Z',
    ]);
    await db.query(insert, [
      ACME,
      null,
      'support.case_created',
      '=HYPERLINK("http://x.example")',
      null,
      '2026-01-02T10:00:00Z',
    ]);
    await db.query(insert, [
      GLOBEX,
      null,
      'support.case_created',
      'globex-secret-case',
      null,
      '2026-01-01T11:00:00Z',
    ]);
  });
  afterAll(async () => {
    await t.close();
    await db.end();
  });

  it("lists the account's events and its members' sign-ins, newest first, never another account's", async () => {
    const { status, body } = await get(`/api/v1/accounts/${ACME}/audit-events?pageSize=100`, owner);
    expect(status).toBe(200);
    const page = auditEventPageSchema.parse(body);
    const targets = page.items.map((e) => e.target);
    expect(targets).toContain(marker);
    expect(targets).not.toContain('globex-secret-case');
    const actions = page.items.map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['auth.login_succeeded', 'auth.login_failed', 'support.case_created']),
    );
    const times = page.items.map((e) => Date.parse(e.occurredAt));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const signIn = page.items.find((e) => e.action === 'auth.login_succeeded');
    expect(signIn?.actor).toEqual({
      id: expect.any(String),
      name: 'Alice Acme',
      maskedEmail: 'o***@acme.example',
    });
    expect(signIn?.ip).toBeTruthy();
    expect(signIn?.requestId).toBeTruthy();
    expect(JSON.stringify(page)).not.toContain('owner@acme.example');
  });

  it('filters by action, actor (email or id) and time range, and pages', async () => {
    const anyFailed = auditEventPageSchema.parse(
      (await get(`/api/v1/accounts/${ACME}/audit-events?action=auth.login_failed&pageSize=100`, owner)).body,
    );
    expect(anyFailed.items.every((e) => e.action === 'auth.login_failed')).toBe(true);
    const failed = auditEventPageSchema.parse(
      (
        await get(
          `/api/v1/accounts/${ACME}/audit-events?action=auth.login_failed&actor=billing@acme.example`,
          owner,
        )
      ).body,
    );
    expect(failed.items.length).toBeGreaterThanOrEqual(1);
    expect(
      failed.items.every((e) => e.action === 'auth.login_failed' && e.actor?.name === 'Bob Billing'),
    ).toBe(true);

    const byEmail = auditEventPageSchema.parse(
      (await get(`/api/v1/accounts/${ACME}/audit-events?actor=BILLING@acme.example&pageSize=100`, owner))
        .body,
    );
    expect(byEmail.items.length).toBeGreaterThanOrEqual(failed.page.total);
    expect(byEmail.items.every((e) => e.actor?.name === 'Bob Billing')).toBe(true);
    const actorId = byEmail.items[0]!.actor!.id;
    const byId = auditEventPageSchema.parse(
      (await get(`/api/v1/accounts/${ACME}/audit-events?actor=${actorId}`, owner)).body,
    );
    expect(byId.page.total).toBe(byEmail.page.total);
    const nobody = auditEventPageSchema.parse(
      (await get(`/api/v1/accounts/${ACME}/audit-events?actor=nobody@example.com`, owner)).body,
    );
    expect(nobody).toEqual({ items: [], page: { page: 1, pageSize: 20, total: 0 } });

    const range = auditEventPageSchema.parse(
      (
        await get(
          `/api/v1/accounts/${ACME}/audit-events?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z`,
          owner,
        )
      ).body,
    );
    expect(range.items.map((e) => e.target)).toEqual([marker]);

    const first = auditEventPageSchema.parse(
      (await get(`/api/v1/accounts/${ACME}/audit-events?pageSize=1&page=1`, owner)).body,
    );
    const second = auditEventPageSchema.parse(
      (await get(`/api/v1/accounts/${ACME}/audit-events?pageSize=1&page=2`, owner)).body,
    );
    expect(first.items).toHaveLength(1);
    expect(second.items).toHaveLength(1);
    expect(first.items[0]!.id).not.toBe(second.items[0]!.id);
    expect(first.page.total).toBeGreaterThanOrEqual(4);
  });

  it('answers 400 with details for bad filters', async () => {
    for (const query of [
      'action=members.nonsense',
      'from=yesterday',
      'from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z',
      'pageSize=1000',
    ]) {
      const { status, body } = await get(`/api/v1/accounts/${ACME}/audit-events?${query}`, owner);
      expect(status).toBe(400);
      const error = apiErrorSchema.parse(body);
      expect(error.code).toBe('validation_failed');
      expect(error.details?.length).toBeGreaterThan(0);
    }
  });

  it('is for owners and admins only: 403 for billing, technical and viewer members, 404 for non-members', async () => {
    const technical = await createUser(db, { memberships: [{ accountId: ACME, role: 'technical' }] });
    const admin = await createUser(db, { memberships: [{ accountId: ACME, role: 'admin' }] });
    const cases: [string, string, string, number][] = [
      ['billing@acme.example', DEMO_PASSWORD, ACME, 403],
      [technical.email, technical.password, ACME, 403],
      ['owner@acme.example', DEMO_PASSWORD, GLOBEX, 403], // viewer of Globex
      ['owner@globex.example', DEMO_PASSWORD, ACME, 404],
      [admin.email, admin.password, ACME, 200],
    ];
    for (const [email, password, account, expected] of cases) {
      const cookie = await loginAs(t.url, email, password);
      expect([
        email,
        account,
        (await get(`/api/v1/accounts/${account}/audit-events`, cookie)).status,
      ]).toEqual([email, account, expected]);
      expect([
        email,
        account,
        (await get(`/api/v1/accounts/${account}/audit-events.csv`, cookie)).status,
      ]).toEqual([email, account, expected]);
    }
    expect((await fetch(`${t.url}/api/v1/accounts/${ACME}/audit-events`)).status).toBe(401);
  });

  it('exports the filtered set as CSV with masked emails and formula-safe cells', async () => {
    const { status, body, res } = await get(
      `/api/v1/accounts/${ACME}/audit-events.csv?action=support.case_created`,
      owner,
    );
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="audit-.+\.csv"$/);
    const rows = parse<Record<string, string>>(body as string, { columns: true });
    expect(Object.keys(rows[0] ?? {})).toEqual([...AUDIT_CSV_COLUMNS]);
    const total = auditEventPageSchema.parse(
      (await get(`/api/v1/accounts/${ACME}/audit-events?action=support.case_created`, owner)).body,
    ).page.total;
    expect(rows).toHaveLength(total);
    expect(
      rows.every((r) => r.action === 'support.case_created' && r.description === 'Opened a support case'),
    ).toBe(true);
    expect(rows.map((r) => r.target)).toContain(marker);
    expect(rows.map((r) => r.target)).toContain('\'=HYPERLINK("http://x.example")');
    expect(rows.map((r) => r.target)).not.toContain('globex-secret-case');

    const all = parse<Record<string, string>>(
      (await get(`/api/v1/accounts/${ACME}/audit-events.csv`, owner)).body as string,
      { columns: true },
    );
    expect(all.some((r) => r.actor_email === 'o***@acme.example')).toBe(true);
    expect(JSON.stringify(all)).not.toContain('owner@acme.example');
  });
});
