import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { RealtimeEvent } from '@portico/domain';
import { Redis } from 'ioredis';
import type { CachePort } from '../../src/core/cache/cache.port';
import { MemoryCacheAdapter } from '../../src/core/cache/memory-cache.adapter';
import { RedisCacheAdapter } from '../../src/core/cache/redis-cache.adapter';
import type { EventBus } from '../../src/core/events/event-bus.port';
import { InProcessEventBus } from '../../src/core/events/in-process-event-bus.adapter';
import { RedisEventBus } from '../../src/core/events/redis-event-bus.adapter';
import type { Env } from '../../src/core/config/env';
import { BullMqJobQueue } from '../../src/core/queue/bullmq-job-queue.adapter';
import { PermanentJobError } from '../../src/core/queue/job-queue.port';
import { InProcessJobQueue } from '../../src/core/queue/in-process-job-queue.adapter';
import type { JobQueue } from '../../src/core/queue/job-queue.port';
import { eventually } from '../support/eventually';

const redisUrl = process.env.REDIS_URL;

function event(accountId: string): RealtimeEvent {
  return {
    id: randomUUID(),
    accountId,
    occurredAt: new Date().toISOString(),
    type: 'usage_changed',
    payload: { metrics: ['disk'] },
  };
}

/** The CachePort contract, run against every adapter. */
function cacheContract(
  name: string,
  make: () => { cache: CachePort; close: () => Promise<void> },
  enabled: boolean,
): void {
  (enabled ? describe : describe.skip)(`CachePort contract: ${name}`, () => {
    let cache: CachePort;
    let close: () => Promise<void>;
    beforeAll(() => ({ cache, close } = make()));
    afterAll(async () => close());

    it('returns undefined for a missing key', async () => {
      await expect(cache.get(`missing-${randomUUID()}`)).resolves.toBeUndefined();
    });
    it('round-trips JSON values', async () => {
      const key = `k-${randomUUID()}`;
      await cache.set(key, { a: 1, b: ['x', null], c: { d: true } }, 10_000);
      await expect(cache.get(key)).resolves.toEqual({ a: 1, b: ['x', null], c: { d: true } });
    });
    it('expires entries after their ttl', async () => {
      const key = `ttl-${randomUUID()}`;
      await cache.set(key, 'v', 80);
      await expect(cache.get(key)).resolves.toBe('v');
      // real wait (polled): the time-to-live runs in Redis or on lru-cache's own clock, which tests cannot move.
      await eventually(async () => expect(await cache.get(key)).toBeUndefined());
    });
    it('deletes several keys at once and ignores absent ones', async () => {
      const [a, b] = [`a-${randomUUID()}`, `b-${randomUUID()}`];
      await cache.set(a, 1, 10_000);
      await cache.set(b, 2, 10_000);
      await cache.del(a, b, `absent-${randomUUID()}`);
      await expect(cache.get(a)).resolves.toBeUndefined();
      await expect(cache.get(b)).resolves.toBeUndefined();
      await expect(cache.del()).resolves.toBeUndefined();
    });
    it('reads several keys at once, in order', async () => {
      const [a, b] = [`a-${randomUUID()}`, `b-${randomUUID()}`];
      await cache.set(a, { n: 1 }, 10_000);
      await cache.set(b, 'two', 10_000);
      await expect(cache.getMany([b, `absent-${randomUUID()}`, a])).resolves.toEqual([
        'two',
        undefined,
        { n: 1 },
      ]);
      await expect(cache.getMany([])).resolves.toEqual([]);
    });
    it('locks: set-if-absent, renew and release only by the owner, lapse after the lease', async () => {
      const key = `lock-${randomUUID()}`;
      await expect(cache.setIfAbsent(key, 'owner', 100)).resolves.toBe(true);
      await expect(cache.setIfAbsent(key, 'other', 100)).resolves.toBe(false);
      await expect(cache.get(key)).resolves.toBe('owner');
      await expect(cache.extendIfEquals(key, 'other', 10_000)).resolves.toBe(false);
      const renewedAt = Date.now();
      await expect(cache.extendIfEquals(key, 'owner', 300)).resolves.toBe(true);
      await cache.deleteIfEquals(key, 'other');
      await expect(cache.get(key)).resolves.toBe('owner');
      // real wait (polled): the lease runs in Redis or on lru-cache's own clock, which tests cannot move.
      await eventually(async () => expect(await cache.get(key)).toBeUndefined());
      // A lock cannot lapse early, so this holds on a slow machine too: it outlived its first lease (100 ms).
      expect(Date.now() - renewedAt).toBeGreaterThanOrEqual(250);
      await expect(cache.extendIfEquals(key, 'owner', 1000)).resolves.toBe(false);
      await expect(cache.setIfAbsent(key, 'next', 10_000)).resolves.toBe(true);
      await cache.deleteIfEquals(key, 'owner');
      await expect(cache.get(key)).resolves.toBe('next');
      await cache.deleteIfEquals(key, 'next');
      await expect(cache.get(key)).resolves.toBeUndefined();
    });
  });
}

/** The EventBus contract, run against every adapter. */
function busContract(
  name: string,
  make: () => Promise<{ bus: EventBus; close: () => Promise<void> }>,
  enabled: boolean,
): void {
  (enabled ? describe : describe.skip)(`EventBus contract: ${name}`, () => {
    let bus: EventBus;
    let close: () => Promise<void>;
    beforeAll(async () => ({ bus, close } = await make()));
    afterAll(async () => close());

    it('delivers published events to every subscriber, and not after unsubscribe', async () => {
      const a: RealtimeEvent[] = [];
      const b: RealtimeEvent[] = [];
      const offA = bus.subscribe((e) => a.push(e));
      const offB = bus.subscribe((e) => b.push(e));
      if (bus instanceof RedisEventBus) await bus.ready();
      const first = event(randomUUID());
      await bus.publish(first);
      await eventually(() => {
        expect(a).toEqual([first]);
        expect(b).toEqual([first]);
      });
      offA();
      const second = event(randomUUID());
      await bus.publish(second);
      // One message goes to every handler at once: when b has it, a would have it too.
      await eventually(() => expect(b).toEqual([first, second]));
      expect(a).toEqual([first]);
      offB();
    });

    it('keeps delivering when one handler throws', async () => {
      const got: string[] = [];
      const offBad = bus.subscribe(() => {
        throw new Error('boom');
      });
      const offGood = bus.subscribe((e) => got.push(e.id));
      if (bus instanceof RedisEventBus) await bus.ready();
      const e = event(randomUUID());
      await bus.publish(e);
      await eventually(() => expect(got).toEqual([e.id]));
      offBad();
      offGood();
    });

    it('hands its own published events to subscribeLocal handlers before publish resolves', async () => {
      const local: RealtimeEvent[] = [];
      const off = bus.subscribeLocal((e) => local.push(e));
      const e = event(randomUUID());
      await bus.publish(e);
      expect(local).toEqual([e]);
      off();
      await bus.publish(event(randomUUID()));
      expect(local).toEqual([e]);
    });
  });
}

cacheContract('memory', () => ({ cache: new MemoryCacheAdapter(), close: async () => undefined }), true);
cacheContract(
  'redis',
  () => {
    const redis = new Redis(redisUrl ?? '');
    return {
      cache: new RedisCacheAdapter(redis, `portico:test:${randomUUID()}:`),
      close: async () => void (await redis.quit()),
    };
  },
  Boolean(redisUrl),
);
busContract('in-process', async () => ({ bus: new InProcessEventBus(), close: async () => undefined }), true);
busContract(
  'redis',
  async () => {
    const pub = new Redis(redisUrl ?? '');
    const sub = new Redis(redisUrl ?? '');
    return {
      bus: new RedisEventBus(pub, sub, {
        logger: new Logger('RedisEventBus'),
        channel: `portico:test:${randomUUID()}`,
      }),
      close: async () => {
        await Promise.all([pub.quit(), sub.quit()]);
      },
    };
  },
  Boolean(redisUrl),
);

(redisUrl ? describe : describe.skip)('RedisEventBus across instances', () => {
  it('delivers an event published by one instance to another, and drops malformed messages', async () => {
    const channel = `portico:test:${randomUUID()}`;
    const conns = [
      new Redis(redisUrl!),
      new Redis(redisUrl!),
      new Redis(redisUrl!),
      new Redis(redisUrl!),
    ] as const;
    try {
      const one = new RedisEventBus(conns[0], conns[1], { logger: new Logger('RedisEventBus'), channel });
      const two = new RedisEventBus(conns[2], conns[3], { logger: new Logger('RedisEventBus'), channel });
      const got: RealtimeEvent[] = [];
      const localOnTwo: RealtimeEvent[] = [];
      two.subscribe((e) => got.push(e));
      two.subscribeLocal((e) => localOnTwo.push(e));
      await two.ready();
      await conns[0].publish(channel, '{"not":"an event"}');
      await conns[0].publish(channel, 'not json');
      const e = event(randomUUID());
      await one.publish(e);
      // The malformed messages went first on the same channel: had one passed, it would be in `got` before `e`.
      await eventually(() => expect(got).toEqual([e]));
      // Events of another instance are not local: that instance's gateway broadcasts them.
      expect(localOnTwo).toEqual([]);
    } finally {
      await Promise.all(conns.map((c) => c.quit()));
    }
  });
});

/** Data of the job {@link finished} adds again under a finished job's id. */
const AGAIN = { again: true };
const isAgain = (data: unknown): boolean => (data as { again?: boolean }).again === true;

/**
 * Resolves once the job `jobId` of `name` is over for good (done or dead-lettered, no retry pending): when a job
 * added again under its id ({@link AGAIN}, after `forget`) has run. A job still queued, running or waiting for a
 * retry keeps its id, so that one is not added before.
 * @param ranAgain whether the handler has seen {@link AGAIN}
 */
async function finished(
  queue: JobQueue,
  name: string,
  jobId: string,
  ranAgain: () => boolean,
): Promise<void> {
  await eventually(
    async () => {
      if (!ranAgain()) {
        await queue.forget(name, jobId);
        await queue.enqueue(name, AGAIN, { jobId, attempts: 1 });
      }
      expect(ranAgain()).toBe(true);
    },
    { timeoutMs: 15_000, intervalMs: 50 },
  );
}

/** The JobQueue contract, run against every adapter. */
function jobQueueContract(
  name: string,
  make: () => JobQueue & { onApplicationShutdown(): unknown },
  enabled: boolean,
): void {
  (enabled ? describe : describe.skip)(`JobQueue contract: ${name}`, () => {
    let queue: JobQueue & { onApplicationShutdown(): unknown };
    beforeAll(() => (queue = make()));
    afterAll(async () => {
      await queue.onApplicationShutdown();
    });

    it('runs a job with its data', async () => {
      const job = `run-${randomUUID()}`;
      const seen: unknown[] = [];
      queue.process<{ n: number }>(job, async (data) => {
        seen.push(data);
      });
      await queue.enqueue(job, { n: 7 });
      await eventually(() => expect(seen).toEqual([{ n: 7 }]));
    });

    it('retries a failing job until it succeeds, counting attempts from 1', async () => {
      const job = `retry-${randomUUID()}`;
      const jobId = randomUUID();
      const attempts: number[] = [];
      let ranAgain = false;
      queue.process(job, async (data, attempt) => {
        if (isAgain(data)) return void (ranAgain = true);
        attempts.push(attempt);
        if (attempt < 3) throw new Error('not yet');
      });
      await queue.enqueue(job, {}, { attempts: 4, backoffMs: 20, jobId });
      await finished(queue, job, jobId, () => ranAgain);
      expect(attempts).toEqual([1, 2, 3]);
    });

    it('adds a job once per job id while it is pending', async () => {
      const job = `dedupe-${randomUUID()}`;
      let calls = 0;
      const jobId = randomUUID();
      let ranAgain = false;
      await queue.enqueue(job, {}, { jobId });
      await queue.enqueue(job, {}, { jobId });
      // One at a time, in order: a second copy would run before the job added again after the first.
      queue.process(
        job,
        async (data) => {
          if (isAgain(data)) ranAgain = true;
          else calls += 1;
        },
        1,
      );
      await finished(queue, job, jobId, () => ranAgain);
      expect(calls).toBe(1);
    });

    it('dead-letters a job whose attempts ran out, once, with its last error; forget() lets its id be used again', async () => {
      const job = `dead-${randomUUID()}`;
      const jobId = randomUUID();
      const dead: Array<{ data: unknown; error: string; attempts: number }> = [];
      let calls = 0;
      queue.process<{ n: number }>(
        job,
        async (_data, attempt) => {
          calls += 1;
          throw new Error(`attempt ${attempt} failed`);
        },
        {
          onDeadLetter: async (data, error, attempts) =>
            void dead.push({ data, error: error.message, attempts }),
        },
      );
      await queue.enqueue(job, { n: 1 }, { attempts: 2, backoffMs: 20, jobId });
      await eventually(() => expect(dead.length).toBeGreaterThanOrEqual(1));
      expect(dead).toEqual([{ data: { n: 1 }, error: 'attempt 2 failed', attempts: 2 }]);
      expect(calls).toBe(2);

      // The id is taken until the job is over (dead-lettered first, then failed): forget and add again until it runs.
      await eventually(
        async () => {
          if (dead.length < 2) {
            await queue.forget(job, jobId);
            await queue.enqueue(job, { n: 2 }, { attempts: 1, jobId });
          }
          expect(dead.length).toBeGreaterThanOrEqual(2);
        },
        { timeoutMs: 15_000, intervalMs: 50 },
      );
      // Had the first job been dead-lettered twice, its copy would be second here.
      expect(dead).toEqual([
        { data: { n: 1 }, error: 'attempt 2 failed', attempts: 2 },
        { data: { n: 2 }, error: 'attempt 1 failed', attempts: 1 },
      ]);
      expect(calls).toBe(3);
    });

    it('dead-letters a PermanentJobError without retrying it', async () => {
      const job = `permanent-${randomUUID()}`;
      const jobId = randomUUID();
      const dead: number[] = [];
      let calls = 0;
      let ranAgain = false;
      queue.process(
        job,
        async (data) => {
          if (isAgain(data)) return void (ranAgain = true);
          calls += 1;
          throw new PermanentJobError('retrying cannot help');
        },
        { onDeadLetter: async (_data, _error, attempts) => void dead.push(attempts) },
      );
      await queue.enqueue(job, {}, { attempts: 5, backoffMs: 20, jobId });
      await finished(queue, job, jobId, () => ranAgain);
      expect({ calls, dead }).toEqual({ calls: 1, dead: [1] });
    });

    it('runs a scheduled job every interval until the schedule is removed', async () => {
      const job = `tick-${randomUUID()}`;
      let runs = 0;
      let ranAgain = false;
      // One at a time, in order: a run added before the job added below runs before it.
      queue.process(
        job,
        async (data) => {
          if (isAgain(data)) ranAgain = true;
          else runs += 1;
        },
        1,
      );
      await queue.schedule(job, 100);
      await eventually(() => expect(runs).toBeGreaterThanOrEqual(3));
      await queue.schedule(job, 0);
      await queue.enqueue(job, AGAIN, { attempts: 1 });
      await eventually(() => expect(ranAgain).toBe(true));
      const after = runs;
      // real wait: that no run comes any more can only be seen by letting three intervals pass.
      await new Promise((r) => setTimeout(r, 300));
      expect(runs).toBe(after);
    });
  });
}

jobQueueContract('in-process', () => new InProcessJobQueue(), true);
jobQueueContract(
  'BullMQ on Redis',
  () => new BullMqJobQueue({ REDIS_URL: redisUrl, JOB_LOCK_DURATION_MS: 30_000 } as Env),
  Boolean(redisUrl),
);
