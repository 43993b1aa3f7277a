import type { Client } from 'pg';
import { DbContext } from '../../src/core/prisma/db-context';
import { PrismaService } from '../../src/core/prisma/prisma.service';
import { createAccount, createUser } from '../factories/account.factory';
import { testDb } from '../factories/db';
import { testEnv } from '../support/test-app';

/**
 * Row-level security, proven on the real database with the application's own client (PrismaService connects as
 * portico_app through the scoped pool): a query that forgets its account filter still sees one account only.
 */
describe('row-level security (integration)', () => {
  let owner: Client;
  let prisma: PrismaService;
  let a: { id: string };
  let b: { id: string };
  let userA: { id: string };

  beforeAll(async () => {
    owner = await testDb();
    prisma = new PrismaService(testEnv());
    a = await createAccount(owner);
    b = await createAccount(owner);
    userA = await createUser(owner, { memberships: [{ accountId: a.id, role: 'owner' }] });
    await createUser(owner, { memberships: [{ accountId: b.id, role: 'owner' }] });
    for (const [account, n] of [
      [a.id, 3],
      [b.id, 5],
    ] as const) {
      for (let i = 0; i < n; i++) {
        await owner.query(
          "INSERT INTO usage_samples (account_id, metric, at, value) VALUES ($1, 'disk', now() - make_interval(mins => $2), $2)",
          [account, i],
        );
        await owner.query(
          "INSERT INTO usage_rollups_1h (account_id, metric, service_id, bucket_start, count, sum, min, max, last, last_at) VALUES ($1, 'disk', '', now() - make_interval(hours => $2), 1, 1, 1, 1, 1, now())",
          [account, i],
        );
      }
      await owner.query(
        "INSERT INTO webhook_deliveries (id, provider, delivery_id, event_type, account_id, status, payload) VALUES (gen_random_uuid(), 'whmcs', gen_random_uuid()::text, 'ClientEdit', $1, 'processed', '{}')",
        [account],
      );
      await owner.query(
        "INSERT INTO audit_events (id, account_id, action) VALUES (gen_random_uuid(), $1, 'support.case_created')",
        [account],
      );
    }
  });

  afterAll(async () => {
    await prisma.onModuleDestroy();
    await owner.end();
  });

  // Prisma's promises are lazy: await them inside the scope.
  const inAccount = <T>(id: string, fn: () => PromiseLike<T>, userId?: string): Promise<T> =>
    DbContext.runWithAccount(id, async () => await fn(), userId);
  const asUser = <T>(id: string, fn: () => PromiseLike<T>): Promise<T> =>
    DbContext.runAsUser(id, async () => await fn());
  const asSystem = <T>(fn: () => PromiseLike<T>): Promise<T> =>
    DbContext.runAsSystem('test', async () => await fn());

  const mine = (rows: { accountId: string | null }[], id: string) =>
    rows.filter((r) => r.accountId === id).length;

  it("a query without an account filter sees only the scope account's rows", async () => {
    const samples = await inAccount(a.id, () => prisma.usageSample.findMany());
    expect(samples).toHaveLength(3);
    expect(new Set(samples.map((s) => s.accountId))).toEqual(new Set([a.id]));
    const other = await inAccount(b.id, () => prisma.usageSample.findMany());
    expect(other).toHaveLength(5);
    expect(await inAccount(a.id, () => prisma.usageRollup1h.count())).toBe(3);
    const deliveries = await inAccount(a.id, () => prisma.webhookDelivery.findMany());
    expect(deliveries.map((d) => d.accountId)).toEqual([a.id]);
    const accounts = await inAccount(a.id, () => prisma.account.findMany());
    expect(accounts.map((x) => x.id)).toEqual([a.id]);
    const members = await inAccount(a.id, () => prisma.membership.findMany());
    expect(members.map((m) => m.accountId)).toEqual([a.id]);
    const audit = await inAccount(a.id, () => prisma.auditEvent.findMany());
    expect(mine(audit, b.id)).toBe(0);
    expect(mine(audit, a.id)).toBeGreaterThan(0);
  });

  it('a raw SQL query is filtered the same way', async () => {
    const rows = await inAccount(
      a.id,
      () => prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM usage_samples`,
    );
    expect(Number(rows[0]?.n)).toBe(3);
  });

  it('sees nothing account-scoped without a scope (fail closed)', async () => {
    expect(DbContext.current()).toBeUndefined();
    expect(await prisma.usageSample.count()).toBe(0);
    expect(await prisma.usageRollup1h.count()).toBe(0);
    expect(await prisma.webhookDelivery.count()).toBe(0);
    expect(await prisma.account.count()).toBe(0);
    expect(await prisma.membership.count()).toBe(0);
    expect(await prisma.auditEvent.count()).toBe(0);
  });

  it("a user scope sees the user's own memberships and their accounts, nothing else", async () => {
    const memberships = await asUser(userA.id, () => prisma.membership.findMany());
    expect(memberships.map((m) => m.userId)).toEqual([userA.id]);
    const accounts = await asUser(userA.id, () => prisma.account.findMany());
    expect(accounts.map((x) => x.id)).toEqual([a.id]);
    expect(await asUser(userA.id, () => prisma.usageSample.count())).toBe(0);
  });

  it('the system scope sees every account', async () => {
    const samples = await asSystem(() =>
      prisma.usageSample.findMany({ where: { accountId: { in: [a.id, b.id] } } }),
    );
    expect(samples).toHaveLength(8);
  });

  it('refuses writes into another account', async () => {
    await expect(
      inAccount(a.id, () =>
        prisma.usageSample.create({ data: { accountId: b.id, metric: 'disk', at: new Date(), value: 1 } }),
      ),
    ).rejects.toThrow(/row-level security/);
    const updated = await inAccount(a.id, () =>
      prisma.usageSample.updateMany({ where: { accountId: b.id }, data: { value: 0 } }),
    );
    expect(updated.count).toBe(0);
    const deleted = await inAccount(a.id, () => prisma.membership.deleteMany({ where: { accountId: b.id } }));
    expect(deleted.count).toBe(0);
    await expect(
      inAccount(a.id, () => prisma.account.update({ where: { id: a.id }, data: { name: 'renamed' } })),
    ).rejects.toThrow();
  });

  it("lets an account scope lock its own account row, but not another's, and change neither", async () => {
    const locked = await inAccount(a.id, () =>
      prisma.$transaction(async (tx) => [
        await tx.$queryRaw<{ id: string }[]>`SELECT id FROM accounts WHERE id = ${a.id}::uuid FOR UPDATE`,
        await tx.$queryRaw<{ id: string }[]>`SELECT id FROM accounts WHERE id = ${b.id}::uuid FOR UPDATE`,
      ]),
    );
    expect(locked.map((rows) => rows.length)).toEqual([1, 0]);
    await expect(
      inAccount(a.id, () => prisma.$executeRaw`UPDATE accounts SET name = 'x' WHERE id = ${a.id}::uuid`),
    ).rejects.toThrow(/row-level security/);
  });

  it('keeps concurrent scopes apart on a small pool (no scope leaks across checkouts)', async () => {
    const runs = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? a.id : i % 3 === 1 ? b.id : null));
    const counts = await Promise.all(
      runs.map((id) =>
        id === null ? prisma.usageSample.count() : inAccount(id, () => prisma.usageSample.count()),
      ),
    );
    counts.forEach((n, i) => expect(n).toBe(runs[i] === a.id ? 3 : runs[i] === b.id ? 5 : 0));
    const inTransactions = await Promise.all(
      [a.id, b.id, a.id, b.id].map((id) =>
        inAccount(id, () => prisma.$transaction(async (tx) => tx.usageSample.count())),
      ),
    );
    expect(inTransactions).toEqual([3, 5, 3, 5]);
    const batched = await Promise.all(
      [a.id, b.id, a.id, b.id].map((id) =>
        inAccount(id, () => prisma.$transaction([prisma.usageSample.count(), prisma.usageRollup1h.count()])),
      ),
    );
    expect(batched).toEqual([
      [3, 3],
      [5, 5],
      [3, 3],
      [5, 5],
    ]);
  });

  it("never answers one scope with another scope's batched findUnique (Prisma batches identical findUnique calls of one tick)", async () => {
    const account = (id: string | null) =>
      id === null
        ? prisma.account.findUnique({ where: { id: a.id } })
        : inAccount(id, () => prisma.account.findUnique({ where: { id: a.id } }));
    const seen = await Promise.all([
      account(a.id),
      account(b.id),
      account(null),
      account(a.id),
      account(b.id),
    ]);
    expect(seen.map((x) => x?.id ?? null)).toEqual([a.id, null, null, a.id, null]);
  });

  it('connects as a role that is no superuser, has no BYPASSRLS, owns no table and cannot take another role', async () => {
    const [who] = await prisma.$queryRaw<
      { user: string; superuser: string; bypass: boolean; owned: bigint }[]
    >`
      SELECT current_user AS user, current_setting('is_superuser') AS superuser,
             (SELECT rolbypassrls FROM pg_roles WHERE rolname = current_user) AS bypass,
             (SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user) AS owned`;
    expect(who).toEqual({ user: 'portico_app', superuser: 'off', bypass: false, owned: 0n });
    const { rows } = await owner.query<{ tableowner: string }>(
      "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = 'public'",
    );
    expect(rows.map((r) => r.tableowner)).not.toContain('portico_app');
    await expect(prisma.$executeRawUnsafe('SET ROLE postgres')).rejects.toThrow(/permission denied/);
    await expect(prisma.$executeRawUnsafe('SET SESSION AUTHORIZATION postgres')).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      prisma.$executeRawUnsafe('ALTER TABLE usage_samples DISABLE ROW LEVEL SECURITY'),
    ).rejects.toThrow(/must be owner/);
  });

  it('has ENABLE and FORCE row-level security on every table with an account_id column, and on accounts', async () => {
    const { rows } = await owner.query<{ table: string; enabled: boolean; forced: boolean }>(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')
        AND (c.relname = 'accounts' OR EXISTS (
          SELECT 1 FROM information_schema.columns col
          WHERE col.table_schema = 'public' AND col.table_name = c.relname AND col.column_name = 'account_id'))`);
    expect(rows.map((r) => r.table)).toEqual(
      expect.arrayContaining([
        'accounts',
        'memberships',
        'usage_samples',
        'usage_rollups_1h',
        'webhook_deliveries',
        'audit_events',
        'invites',
      ]),
    );
    const unprotected = rows.filter((r) => !r.enabled || !r.forced).map((r) => r.table);
    expect(unprotected).toEqual([]);
  });

  describe('audit_events is append-only', () => {
    it('refuses UPDATE and DELETE to the application role, even in the system scope', async () => {
      await asSystem(() => prisma.auditEvent.create({ data: { action: 'auth.logout', accountId: a.id } }));
      await expect(
        asSystem(() => prisma.auditEvent.updateMany({ data: { action: 'auth.login_succeeded' } })),
      ).rejects.toThrow(/permission denied/);
      await expect(asSystem(() => prisma.auditEvent.deleteMany({}))).rejects.toThrow(/permission denied/);
      await expect(asSystem(() => prisma.$executeRawUnsafe('TRUNCATE audit_events'))).rejects.toThrow(
        /permission denied/,
      );
    });

    it('refuses UPDATE, DELETE and TRUNCATE to the owner too (trigger)', async () => {
      await expect(owner.query("UPDATE audit_events SET action = 'auth.logout'")).rejects.toThrow(
        /append-only/,
      );
      await expect(owner.query('DELETE FROM audit_events')).rejects.toThrow(/append-only/);
      await expect(owner.query('TRUNCATE audit_events')).rejects.toThrow(/append-only/);
    });

    it("lets an account scope append only its own account's events", async () => {
      await inAccount(
        a.id,
        () => prisma.auditEvent.create({ data: { action: 'support.case_created', accountId: a.id } }),
        userA.id,
      );
      await expect(
        inAccount(
          a.id,
          () => prisma.auditEvent.create({ data: { action: 'support.case_created', accountId: b.id } }),
          userA.id,
        ),
      ).rejects.toThrow(/row-level security/);
    });
  });
});
