import { buildSandbox, type Sandbox } from '../sandbox.app';

const NOW = new Date('2026-03-15T12:00:00Z');
let sb: Sandbox;
let token: string;
const ACME = '001A0000001AcmeAAA';

beforeEach(async () => {
  sb = buildSandbox({
    now: () => NOW,
    env: { SANDBOX_WEBHOOK_TARGET: 'http://127.0.0.1:9' },
    webhookRetryDelaysMs: [],
  });
  const res = await sb.app.inject({
    method: 'POST',
    url: '/services/oauth2/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload:
      'grant_type=client_credentials&client_id=portico-sandbox-client-id&client_secret=portico-sandbox-client-secret',
  });
  token = res.json<{ access_token: string }>().access_token;
});
afterEach(async () => {
  await sb.app.close();
});

const query = (soql: string, headers: Record<string, string> = {}) =>
  sb.app.inject({
    method: 'GET',
    url: `/services/data/v62.0/query?q=${encodeURIComponent(soql)}`,
    headers: { authorization: `Bearer ${token}`, ...headers },
  });

describe('OAuth client credentials', () => {
  it('issues a token without expires_in, accepting HTTP Basic client authentication', async () => {
    const basic = Buffer.from('portico-sandbox-client-id:portico-sandbox-client-secret').toString('base64');
    const res = await sb.app.inject({
      method: 'POST',
      url: '/services/oauth2/token',
      headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=client_credentials',
    });
    expect(res.statusCode).toBe(200);
    const body = res.json<Record<string, string>>();
    expect(Object.keys(body).sort()).toEqual([
      'access_token',
      'id',
      'instance_url',
      'issued_at',
      'scope',
      'signature',
      'token_type',
    ]);
    expect(body.token_type).toBe('Bearer');
    expect(body.id).toMatch(/\/id\/00D\w{15}\/005\w{15}$/);
  });

  it('rejects a bad secret and other grant types with 400 and an OAuth error', async () => {
    const bad = await sb.app.inject({
      method: 'POST',
      url: '/services/oauth2/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=client_credentials&client_id=portico-sandbox-client-id&client_secret=nope',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toEqual({ error: 'invalid_client', error_description: 'invalid client credentials' });
    const grant = await sb.app.inject({
      method: 'POST',
      url: '/services/oauth2/token',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload:
        'grant_type=password&client_id=portico-sandbox-client-id&client_secret=portico-sandbox-client-secret',
    });
    expect(grant.json()).toMatchObject({ error: 'unsupported_grant_type' });
  });
});

describe('REST query', () => {
  it('answers 401 INVALID_SESSION_ID without a valid bearer token, and after revocation', async () => {
    const none = await sb.app.inject({
      method: 'GET',
      url: '/services/data/v62.0/query?q=SELECT+Id+FROM+Case',
    });
    expect(none.statusCode).toBe(401);
    expect(none.json()).toEqual([{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
    sb.sessions.revokeAll();
    expect((await query('SELECT Id FROM Case')).statusCode).toBe(401);
  });

  it('returns records with attributes, null fields and a nested relationship', async () => {
    const res = await query(
      `SELECT Id, CaseNumber, Status, IsClosed, Contact.Name, ClosedDate, CreatedDate FROM Case WHERE AccountId = '${ACME}' ORDER BY CaseNumber`,
    );
    expect(res.statusCode).toBe(200);
    const body = res.json<{ totalSize: number; done: boolean; records: Array<Record<string, unknown>> }>();
    expect(body).toMatchObject({ totalSize: 5, done: true });
    expect(body.records.map((r) => r.Status)).toEqual([
      'New',
      'Working',
      'Waiting on Customer',
      'Closed',
      'Closed',
    ]);
    const first = body.records[0] as Record<string, unknown>;
    expect(first.attributes).toEqual({
      type: 'Case',
      url: `/services/data/v62.0/sobjects/Case/${String(first.Id)}`,
    });
    expect(first.ClosedDate).toBeNull();
    expect(first.CreatedDate).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$/);
    expect(
      body.records.every((r) => r.Contact === null || (typeof r.Contact === 'object' && 'Name' in r.Contact)),
    ).toBe(true);
    expect(body.records.filter((r) => r.IsClosed === false)).toHaveLength(3);
  });

  it('filters by boolean, IN, LIKE and a 15-character id; COUNT() counts', async () => {
    const open = await query(
      `SELECT Id FROM Case WHERE AccountId = '${ACME.slice(0, 15)}' AND IsClosed = false`,
    );
    expect(open.json<{ totalSize: number }>().totalSize).toBe(3);
    const count = await query("SELECT COUNT() FROM Case WHERE Status IN ('New', 'Escalated')");
    expect(count.json()).toEqual({ totalSize: 3, done: true, records: [] });
    const like = await query("SELECT Name FROM Contact WHERE Name LIKE 'bob%'");
    expect(like.json<{ records: Array<{ Name: string }> }>().records.map((r) => r.Name)).toEqual([
      "Bob O'Neil",
    ]);
    const esc = await query("SELECT Name FROM Contact WHERE LastName = 'O\\'Neil'");
    expect(esc.json<{ totalSize: number }>().totalSize).toBe(1);
  });

  it.each([
    ['SELECT Id FROM', 400, 'MALFORMED_QUERY'],
    ['SELECT Foo FROM Case', 400, 'INVALID_FIELD'],
    ['SELECT Id FROM Widget', 400, 'INVALID_TYPE'],
    ["SELECT Id FROM Case WHERE IsClosed = 'false'", 400, 'INVALID_FIELD'],
    ['SELECT Bogus.Name FROM Case', 400, 'INVALID_FIELD'],
    ["SELECT Id FROM Case WHERE AccountId = 'nope'", 400, 'INVALID_QUERY_FILTER_OPERATOR'],
  ])('%s -> %d %s', async (soql, status, code) => {
    const res = await query(soql);
    expect(res.statusCode).toBe(status);
    const [err] = res.json<Array<{ errorCode: string; message: string }>>();
    expect(err?.errorCode).toBe(code);
    expect(err?.message.length).toBeGreaterThan(5);
  });

  it('pages with Sforce-Query-Options batchSize and nextRecordsUrl', async () => {
    const first = await query('SELECT Id, Subject FROM Case ORDER BY CaseNumber', {
      'sforce-query-options': 'batchSize=4',
    });
    const p1 = first.json<{
      totalSize: number;
      done: boolean;
      nextRecordsUrl: string;
      records: Array<{ Id: string }>;
    }>();
    expect(p1).toMatchObject({ totalSize: 11, done: false });
    expect(p1.records).toHaveLength(4);
    expect(p1.nextRecordsUrl).toMatch(/^\/services\/data\/v62\.0\/query\/01g[A-Za-z0-9]+-4$/);
    const seen = [...p1.records.map((r) => r.Id)];
    let next: string | undefined = p1.nextRecordsUrl;
    while (next) {
      const res: { json: <T>() => T } = await sb.app.inject({
        method: 'GET',
        url: next,
        headers: { authorization: `Bearer ${token}` },
      });
      const page: { done: boolean; nextRecordsUrl?: string; records: Array<{ Id: string }> } = res.json<{
        done: boolean;
        nextRecordsUrl?: string;
        records: Array<{ Id: string }>;
      }>();
      seen.push(...page.records.map((r) => r.Id));
      next = page.nextRecordsUrl;
      if (page.done) expect(next).toBeUndefined();
    }
    expect(seen).toHaveLength(11);
    expect(new Set(seen).size).toBe(11);
    const bad = await sb.app.inject({
      method: 'GET',
      url: '/services/data/v62.0/query/01gdoesnotexist-4',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bad.json()).toEqual([{ message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' }]);
  });

  it('404s an unknown API version', async () => {
    const res = await sb.app.inject({
      method: 'GET',
      url: '/services/data/v9.0/query?q=SELECT+Id+FROM+Case',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('sObject Case', () => {
  const post = (body: unknown) =>
    sb.app.inject({
      method: 'POST',
      url: '/services/data/v62.0/sobjects/Case',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  it('creates a case (201), reads it back and raises CaseChanged', async () => {
    const res = await post({
      Subject: 'Printer on fire',
      Description: 'Smoke',
      Priority: 'High',
      Origin: 'Web',
      Status: 'New',
      AccountId: ACME,
    });
    expect(res.statusCode).toBe(201);
    const created = res.json<{ id: string; success: boolean; errors: unknown[] }>();
    expect(created).toMatchObject({ success: true, errors: [] });
    expect(created.id).toMatch(/^500[A-Za-z0-9]{15}$/);
    const get = await sb.app.inject({
      method: 'GET',
      url: `/services/data/v62.0/sobjects/Case/${created.id}`,
      headers: { authorization: `Bearer ${token}` },
    });
    expect(get.json()).toMatchObject({
      Id: created.id,
      Subject: 'Printer on fire',
      Status: 'New',
      IsClosed: false,
      AccountId: ACME,
      attributes: { type: 'Case' },
    });
    expect(sb.webhooks.deliveries()[0]?.payload).toMatchObject({
      event: 'CaseChanged',
      sobject: 'Case',
      recordId: created.id,
      accountId: ACME,
    });
    await sb.webhooks.idle();
  });

  it('answers REQUIRED_FIELD_MISSING, bad picklist values and unknown fields as 400 arrays', async () => {
    const missing = await post({ Description: 'no subject', AccountId: ACME });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual([
      {
        message: 'Required fields are missing: [Subject]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['Subject'],
      },
    ]);
    expect(
      (await post({ Subject: 'x', Status: 'Sleeping' })).json<Array<{ errorCode: string }>>()[0]?.errorCode,
    ).toBe('INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST');
    expect(
      (await post({ Subject: 'x', Colour: 'red' })).json<Array<{ errorCode: string }>>()[0]?.errorCode,
    ).toBe('INVALID_FIELD');
    expect((await post(['not', 'an', 'object'])).statusCode).toBe(400);
  });

  it('404s an unknown case id', async () => {
    const res = await sb.app.inject({
      method: 'GET',
      url: '/services/data/v62.0/sobjects/Case/500A00000009999AAA',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual([
      { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
    ]);
  });
});
