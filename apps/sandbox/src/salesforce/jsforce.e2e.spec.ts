import { Connection } from 'jsforce';
import { buildSandbox, type Sandbox } from '../sandbox.app';

/** End to end with the jsforce 3 client over real HTTP. */
let sb: Sandbox;
let baseUrl: string;

beforeAll(async () => {
  sb = buildSandbox({ env: { SANDBOX_WEBHOOK_TARGET: 'http://127.0.0.1:9' }, webhookRetryDelaysMs: [] });
  baseUrl = await sb.app.listen({ port: 0, host: '127.0.0.1' });
});
afterAll(async () => {
  await sb.app.close();
});

function connect(): { conn: Connection; reauths: () => number } {
  let count = 0;
  const conn: Connection = new Connection({
    loginUrl: baseUrl,
    version: '62.0',
    oauth2: {
      loginUrl: baseUrl,
      clientId: 'portico-sandbox-client-id',
      clientSecret: 'portico-sandbox-client-secret',
    },
    // Client credentials have no refresh token: re-run the grant when the session expires.
    refreshFn: (c, callback) => {
      count += 1;
      c.authorize({ grant_type: 'client_credentials' }).then(
        () => {
          callback(null, c.accessToken ?? undefined);
        },
        (err: Error) => {
          callback(err);
        },
      );
    },
  });
  return { conn, reauths: () => count };
}

describe('jsforce against the sandbox', () => {
  it('authorizes with client credentials and queries with autoFetch across pages', async () => {
    const { conn } = connect();
    const user = await conn.authorize({ grant_type: 'client_credentials' });
    expect(user.organizationId).toMatch(/^00D/);
    expect(conn.instanceUrl).toBe(baseUrl);
    const records: Array<{ Id: string; Contact: { Name: string } | null }> = [];
    await new Promise<void>((resolve, reject) => {
      conn
        .query<{ Id: string; Contact: { Name: string } | null }>(
          'SELECT Id, CaseNumber, Contact.Name FROM Case ORDER BY CaseNumber',
          { autoFetch: true, maxFetch: 1000, headers: { 'Sforce-Query-Options': 'batchSize=3' } },
        )
        .on('record', (r: { Id: string; Contact: { Name: string } | null }) => records.push(r))
        .on('end', () => resolve())
        .on('error', reject)
        .run({ autoFetch: true, maxFetch: 1000 });
    });
    expect(records).toHaveLength(11);
    expect(new Set(records.map((r) => r.Id)).size).toBe(11);
    const page = await conn.query('SELECT Id FROM Case', {
      headers: { 'Sforce-Query-Options': 'batchSize=5' },
    });
    expect(page.done).toBe(false);
    expect(page.records).toHaveLength(5);
    const more = await conn.queryMore(page.nextRecordsUrl ?? '');
    expect(more.records).toHaveLength(5);
  });

  it('creates a Case with sobject().create and reads it back', async () => {
    const { conn } = connect();
    await conn.authorize({ grant_type: 'client_credentials' });
    const result = await conn.sobject('Case').create({
      Subject: 'From jsforce',
      Description: 'hello',
      Priority: 'Low',
      Origin: 'Web',
      Status: 'New',
      AccountId: '001A0000002GlbxAAA',
    });
    expect(result.success).toBe(true);
    const id = result.success ? result.id : '';
    const back = await conn.sobject('Case').retrieve(id);
    expect(back).toMatchObject({ Id: id, Subject: 'From jsforce', AccountId: '001A0000002GlbxAAA' });
    await expect(conn.sobject('Case').create({ Description: 'no subject' })).rejects.toMatchObject({
      errorCode: 'REQUIRED_FIELD_MISSING',
    });
  });

  it('re-authenticates transparently when the session expires', async () => {
    const { conn, reauths } = connect();
    await conn.authorize({ grant_type: 'client_credentials' });
    const before = conn.accessToken;
    sb.sessions.revokeAll();
    const res = await conn.query<{ Id: string }>("SELECT Id FROM Account WHERE Id = '001A0000001AcmeAAA'");
    expect(res.totalSize).toBe(1);
    expect(reauths()).toBe(1);
    expect(conn.accessToken).not.toBe(before);
  });

  it('surfaces SOQL errors as jsforce errors with the Salesforce errorCode', async () => {
    const { conn } = connect();
    await conn.authorize({ grant_type: 'client_credentials' });
    await expect(conn.query('SELECT Nope FROM Case')).rejects.toMatchObject({ errorCode: 'INVALID_FIELD' });
  });
});
