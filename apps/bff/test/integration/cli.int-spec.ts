import type { Client } from 'pg';
import { runCli } from '../../src/cli/portico-cli';
import { testDb } from '../factories/db';
import { loginAs } from '../support/login';
import { createTestApp, testEnv } from '../support/test-app';

async function cli(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(
    argv,
    { stdout: (t) => (out += t), stderr: (t) => (err += t) },
    testEnv({ SEED_DEMO_DATA: false }),
  );
  return { code, out, err };
}

describe('portico-cli (integration)', () => {
  let db: Client;
  beforeAll(async () => {
    db = await testDb();
  });
  afterAll(async () => {
    await db.end();
  });

  it('creates an account with its owner in one go, and the owner can sign in', async () => {
    const { code, out, err } = await cli([
      'create-account',
      '--name',
      'Hooli XYZ',
      '--whmcs-client-id',
      '901',
      '--salesforce-account-id',
      '001A0000009HooliAA',
      '--owner-email',
      'Gavin@Hooli.example',
      '--owner-name',
      'Gavin Belson',
      '--owner-password',
      'a-very-long-password',
    ]);
    expect(err).toBe('');
    expect(code).toBe(0);
    const result = JSON.parse(out) as { accountId: string; userId: string };
    const row = await db.query(
      'SELECT a.name, a.whmcs_client_id, m.role, u.email FROM memberships m JOIN accounts a ON a.id = m.account_id JOIN users u ON u.id = m.user_id WHERE a.id = $1 AND u.id = $2',
      [result.accountId, result.userId],
    );
    expect(row.rows).toEqual([
      { name: 'Hooli XYZ', whmcs_client_id: 901, role: 'owner', email: 'gavin@hooli.example' },
    ]);
    const t = await createTestApp();
    try {
      await expect(loginAs(t.url, 'gavin@hooli.example', 'a-very-long-password')).resolves.toContain(
        'portico_at=',
      );
    } finally {
      await t.close();
    }
  });

  it('generates a password when none is given and prints it once', async () => {
    const { code, out, err } = await cli([
      'create-account',
      '--name',
      'Pied Piper',
      '--owner-email',
      'richard@piedpiper.example',
      '--owner-name',
      'Richard',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual({ accountId: expect.any(String), userId: expect.any(String) });
    expect(err).toMatch(/Generated owner password \(shown once\): \S{20,}/);
  });

  it('fails with exit code 1 and a clear message on duplicates, leaving nothing half-created', async () => {
    const before = await db.query('SELECT count(*)::int AS n FROM accounts');
    const dupEmail = await cli([
      'create-account',
      '--name',
      'Again',
      '--owner-email',
      'owner@acme.example',
      '--owner-name',
      'X',
      '--owner-password',
      'another-long-password',
    ]);
    expect(dupEmail.code).toBe(1);
    expect(dupEmail.err).toContain('a user with this email already exists');
    const dupWhmcs = await cli([
      'create-account',
      '--name',
      'Again',
      '--whmcs-client-id',
      '1',
      '--owner-email',
      'new@x.example',
      '--owner-name',
      'X',
      '--owner-password',
      'another-long-password',
    ]);
    expect(dupWhmcs.code).toBe(1);
    expect(dupWhmcs.err).toContain('WHMCS client id already exists');
    const after = await db.query('SELECT count(*)::int AS n FROM accounts');
    expect(after.rows[0].n).toBe(before.rows[0].n);
  });

  it('rejects bad arguments with exit code 1', async () => {
    const missing = await cli(['create-account', '--name', 'X']);
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('--owner-email: is required');
    const badId = await cli([
      'create-account',
      '--name',
      'X',
      '--whmcs-client-id',
      'abc',
      '--owner-email',
      'a@b.example',
      '--owner-name',
      'A',
    ]);
    expect(badId.code).toBe(1);
    expect(badId.err).toContain('--whmcs-client-id');
    const unknownFlag = await cli(['create-account', '--bogus', '1']);
    expect(unknownFlag.code).toBe(1);
    expect((await cli(['explode'])).code).toBe(1);
  });
});
