import { casePageSchema, supportCaseSchema } from '@portico/domain';
import { forgetCachedReads } from '../support/caches';
import { createTestApp, type TestApp } from '../support/test-app';
import { sessionHeaders, signInDemoOwners } from '../support/login';

describe('support routes (integration)', () => {
  let t: TestApp;
  let sandbox: string;
  let acmeCookie: string;
  let acme: string;
  let globexCookie: string;
  let globex: string;

  async function call(
    method: string,
    path: string,
    cookie: string,
    body?: object,
  ): Promise<{ status: number; body: unknown }> {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: sessionHeaders(cookie, body ? { 'content-type': 'application/json' } : {}),
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: await res.json() };
  }

  beforeAll(async () => {
    t = await createTestApp();
    sandbox = new URL(t.env.SALESFORCE_LOGIN_URL).origin;
    // The sandbox is shared by every suite: start from its seeded state.
    expect((await fetch(`${sandbox}/__admin/reset`, { method: 'POST' })).ok).toBe(true);
    ({ acmeCookie, acme, globexCookie, globex } = await signInDemoOwners(t.url));
    await forgetCachedReads(t, [acme, globex]);
  });
  afterEach(async () => {
    await fetch(`${sandbox}/__admin/faults`, { method: 'DELETE' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists cases by state, newest first', async () => {
    const open = casePageSchema.parse(
      (await call('GET', `/api/v1/accounts/${acme}/cases?state=open`, acmeCookie)).body,
    );
    const closed = casePageSchema.parse(
      (await call('GET', `/api/v1/accounts/${acme}/cases?state=closed`, acmeCookie)).body,
    );
    const all = casePageSchema.parse((await call('GET', `/api/v1/accounts/${acme}/cases`, acmeCookie)).body);
    expect(open.items.every((c) => !c.isClosed)).toBe(true);
    expect(closed.items.every((c) => c.isClosed)).toBe(true);
    expect(open.page.total).toBeGreaterThanOrEqual(3);
    expect(closed.page.total).toBeGreaterThanOrEqual(2);
    expect(all.page.total).toBe(open.page.total + closed.page.total);
    const created = all.items.map((c) => c.createdAt);
    expect([...created].sort().reverse()).toEqual(created);

    const paged = casePageSchema.parse(
      (await call('GET', `/api/v1/accounts/${acme}/cases?page=2&pageSize=2`, acmeCookie)).body,
    );
    expect(paged.items.map((c) => c.id)).toEqual(all.items.slice(2, 4).map((c) => c.id));
  });

  it("returns a case, and 404s for another account's case or a malformed id", async () => {
    const mine = casePageSchema.parse((await call('GET', `/api/v1/accounts/${acme}/cases`, acmeCookie)).body)
      .items[0];
    const { status, body } = await call('GET', `/api/v1/accounts/${acme}/cases/${mine?.id}`, acmeCookie);
    expect(status).toBe(200);
    expect(supportCaseSchema.parse(body).id).toBe(mine?.id);

    const theirs = casePageSchema.parse(
      (await call('GET', `/api/v1/accounts/${globex}/cases`, globexCookie)).body,
    ).items[0];
    expect(theirs).toBeDefined();
    expect((await call('GET', `/api/v1/accounts/${acme}/cases/${theirs?.id}`, acmeCookie)).status).toBe(404);
    expect((await call('GET', `/api/v1/accounts/${acme}/cases/not-an-id`, acmeCookie)).status).toBe(404);
    expect((await call('GET', `/api/v1/accounts/${acme}/cases/500A0000009ZZZZZZZ`, acmeCookie)).status).toBe(
      404,
    );
  });

  it('creates a case (201) that then appears in the list', async () => {
    const { status, body } = await call('POST', `/api/v1/accounts/${acme}/cases`, acmeCookie, {
      subject: 'Backups failing since Tuesday',
      description: 'The nightly backup job reports an error.',
      priority: 'high',
    });
    expect(status).toBe(201);
    const created = supportCaseSchema.parse(body);
    expect(created).toMatchObject({
      subject: 'Backups failing since Tuesday',
      priority: 'high',
      isClosed: false,
    });
    const open = casePageSchema.parse(
      (await call('GET', `/api/v1/accounts/${acme}/cases?state=open&pageSize=100`, acmeCookie)).body,
    );
    expect(open.items.map((c) => c.id)).toContain(created.id);
  });

  it('rejects a short subject with details', async () => {
    const { status, body } = await call('POST', `/api/v1/accounts/${acme}/cases`, acmeCookie, {
      subject: 'Hi',
      description: 'x',
    });
    expect(status).toBe(400);
    expect(body).toMatchObject({ code: 'validation_failed', details: [{ path: 'body.subject' }] });
  });

  it('answers 503 when Salesforce fails', async () => {
    await fetch(`${sandbox}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ upstream: 'salesforce', mode: 'error', status: 503 }),
    });
    const { status, body } = await call('GET', `/api/v1/accounts/${acme}/cases?state=closed`, acmeCookie);
    expect(status).toBe(503);
    expect(body).toMatchObject({ code: 'upstream_unavailable' });
  });

  it('never opens two cases when Salesforce wrote the first and its answer was lost: the retry with the same Idempotency-Key finds it', async () => {
    const subject = `Retry-safe case ${Date.now()}`;
    const key = `case-${Date.now()}`;
    const casesWithSubject = async () => {
      const state = (await (await fetch(`${sandbox}/__admin/state`)).json()) as {
        cases: Array<{ Subject: string }>;
      };
      return state.cases.filter((c) => c.Subject === subject).length;
    };
    const open = () =>
      fetch(`${t.url}/api/v1/accounts/${acme}/cases`, {
        method: 'POST',
        headers: sessionHeaders(acmeCookie, { 'content-type': 'application/json', 'idempotency-key': key }),
        body: JSON.stringify({
          subject,
          description: 'The answer to the first create is lost on the wire.',
          priority: 'low',
        }),
      });
    await fetch(`${sandbox}/__admin/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ upstream: 'salesforce', action: 'upsert', mode: 'drop_after_write' }),
    });
    const lost = await open();
    await lost.arrayBuffer();
    expect(lost.status).toBeGreaterThanOrEqual(500);
    expect(await casesWithSubject()).toBe(1);
    await fetch(`${sandbox}/__admin/faults`, { method: 'DELETE' });

    const retry = await open();
    expect(retry.status).toBe(201);
    expect(supportCaseSchema.parse(await retry.json())).toMatchObject({ subject });
    expect(await casesWithSubject()).toBe(1);
    // And a replay of the stored answer from here on.
    const again = await open();
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await casesWithSubject()).toBe(1);
  });
});
