import type { ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { usageIngestResultSchema } from '@portico/domain';
import type { Client } from 'pg';
import { API_KEY_PREFIX, hashApiKey } from '../../src/modules/usage/api-keys/api-keys.service';
import { createAccount } from '../factories/account.factory';
import { testDb } from '../factories/db';
import { freePort } from '../support/free-port';
import { BFF_MAIN, startBffProcess } from '../support/bff-process';

/**
 * Fault test: the BFF (built, `dist/main.js`) runs as a child process and a metering client streams batches at it,
 * several in flight; the process is killed with SIGKILL mid-stream, a new one starts, and the client resends every
 * batch it did not see acknowledged (and, to be sure, one it did). Nothing acknowledged may be lost and nothing
 * counted twice: the stored count equals the number of distinct samples sent, exactly, and the rollups agree.
 */
const describeBuilt = existsSync(BFF_MAIN) ? describe : describe.skip;

const BATCHES = 60;
const PER_BATCH = 500;
const IN_FLIGHT = 4;

describeBuilt('usage ingestion survives kill -9 of the BFF (nothing accepted lost)', () => {
  let db: Client;
  let child: ChildProcess | undefined;

  const startBff = (port: number) =>
    startBffProcess(port, {
      REDIS_URL: process.env.REDIS_URL ?? '',
      USAGE_INGEST_RATE_LIMIT_PER_MINUTE: '100000',
    });

  beforeAll(async () => {
    db = await testDb();
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    await db?.end();
  });

  it('stores exactly the samples sent after a SIGKILL mid-stream and the resend of what was not acknowledged', async () => {
    const account = await createAccount(db);
    await db.query(
      "INSERT INTO usage_services (account_id, service_id, name, status) VALUES ($1, 'svc-1', 'Crash test', 'active')",
      [account.id],
    );
    const secret = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    await db.query(
      "INSERT INTO usage_api_keys (id, account_id, name, prefix, secret_hash, scopes) VALUES ($1, $2, 'crash', $3, $4, ARRAY['usage:write'])",
      [randomUUID(), account.id, secret.slice(0, 12), hashApiKey(secret)],
    );
    const start = Date.now() - 2 * 86_400_000;
    const batches = Array.from({ length: BATCHES }, (_, b) =>
      JSON.stringify({
        samples: Array.from({ length: PER_BATCH }, (_, i) => {
          const n = b * PER_BATCH + i;
          return {
            metric: 'api_requests',
            service: 'svc-1',
            at: new Date(start + n * 1000).toISOString(),
            value: n % 7,
          };
        }),
      }),
    );
    const expectedSum = Array.from({ length: BATCHES * PER_BATCH }, (_, n) => n % 7).reduce(
      (a, b) => a + b,
      0,
    );

    let port = await freePort();
    child = await startBff(port);
    const acknowledged = new Set<number>();
    const refusals: string[] = [];
    const send = async (b: number): Promise<boolean> => {
      try {
        const res = await fetch(`http://127.0.0.1:${port}/api/v1/usage/samples`, {
          method: 'POST',
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
          body: batches[b],
          signal: AbortSignal.timeout(30_000),
        });
        if (res.status !== 200) {
          refusals.push(`${res.status} ${(await res.text()).slice(0, 300)}`);
          return false;
        }
        const result = usageIngestResultSchema.parse(await res.json());
        expect(result.rejected).toBe(0);
        acknowledged.add(b);
        return true;
      } catch (err) {
        refusals.push(String(err));
        return false; // connection reset by the kill
      }
    };

    // Stream with several batches in flight; kill the process once a third is acknowledged.
    let next = 0;
    let killed = false;
    const worker = async () => {
      while (next < BATCHES && !killed) {
        const b = next++;
        await send(b);
        if (!killed && acknowledged.size >= BATCHES / 3) {
          killed = true;
          child?.kill('SIGKILL');
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
    // A BFF that refused every batch was never killed: say why instead of waiting for its exit.
    expect({ killed, refusals: refusals.slice(0, 3) }).toMatchObject({ killed: true });
    // A process killed by a signal has signalCode set and exitCode null.
    await new Promise<void>((resolve) =>
      child?.exitCode !== null || child.signalCode !== null ? resolve() : child.once('exit', () => resolve()),
    );
    expect(acknowledged.size).toBeGreaterThanOrEqual(BATCHES / 3);
    expect(acknowledged.size).toBeLessThan(BATCHES);

    // Every acknowledged batch is stored in full, before any resend.
    const stored = async () =>
      (
        await db.query<{ n: number; s: number }>(
          'SELECT count(*)::int AS n, coalesce(sum(value), 0)::float8 AS s FROM usage_samples WHERE account_id = $1',
          [account.id],
        )
      ).rows[0]!;
    expect((await stored()).n).toBeGreaterThanOrEqual(acknowledged.size * PER_BATCH);

    // A new process; the client resends what it did not see acknowledged, plus one batch it did.
    port = await freePort();
    child = await startBff(port);
    const pending = Array.from({ length: BATCHES }, (_, b) => b).filter((b) => !acknowledged.has(b));
    const again = [...acknowledged][0]!;
    for (const b of [...pending, again]) expect(await send(b)).toBe(true);
    child.kill('SIGTERM');

    const final = await stored();
    expect(final.n).toBe(BATCHES * PER_BATCH);
    expect(final.s).toBe(expectedSum);
    const { rows } = await db.query<{ n: number; s: number }>(
      'SELECT sum(count)::int AS n, sum(sum)::float8 AS s FROM usage_rollups_1h WHERE account_id = $1',
      [account.id],
    );
    expect(rows[0]).toEqual({ n: BATCHES * PER_BATCH, s: expectedSum });
    // Two BFF start-ups (migrations checked, partitions made) and 30,000 samples: minutes on a busy machine.
  }, 300_000);
});
