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

const redisUrl = process.env.REDIS_URL;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
      await sleep(200);
      await expect(cache.get(key)).resolves.toBeUndefined();
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
      await expect(cache.setIfAbsent(key, 'owner', 150)).resolves.toBe(true);
      await expect(cache.setIfAbsent(key, 'other', 150)).resolves.toBe(false);
      await expect(cache.get(key)).resolves.toBe('owner');
      await expect(cache.extendIfEquals(key, 'other', 10_000)).resolves.toBe(false);
      await expect(cache.extendIfEquals(key, 'owner', 400)).resolves.toBe(true);
      await sleep(250);
      await expect(cache.get(key)).resolves.toBe('owner'); // renewed past its first lease
      await cache.deleteIfEquals(key, 'other');
      await expect(cache.get(key)).resolves.toBe('owner');
      await cache.deleteIfEquals(key, 'owner');
      await expect(cache.get(key)).resolves.toBeUndefined();
      await expect(cache.setIfAbsent(key, 'next', 80)).resolves.toBe(true);
      await sleep(200);
      await expect(cache.extendIfEquals(key, 'next', 1000)).resolves.toBe(false);
      await expect(cache.setIfAbsent(key, 'after', 1000)).resolves.toBe(true);
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
      for (let i = 0; i < 50 && (a.length < 1 || b.length < 1); i++) await sleep(20);
      expect(a).toEqual([first]);
      expect(b).toEqual([first]);
      offA();
      const second = event(randomUUID());
      await bus.publish(second);
      for (let i = 0; i < 50 && b.length < 2; i++) await sleep(20);
      expect(b).toEqual([first, second]);
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
      for (let i = 0; i < 50 && got.length < 1; i++) await sleep(20);
      expect(got).toEqual([e.id]);
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
  redisUrl !== undefined,
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
  redisUrl !== undefined,
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
      for (let i = 0; i < 50 && got.length < 1; i++) await sleep(20);
      await sleep(50);
      expect(got).toEqual([e]);
      // Events of another instance are not local: that instance's gateway broadcasts them.
      expect(localOnTwo).toEqual([]);
    } finally {
      await Promise.all(conns.map((c) => c.quit()));
    }
  });
});

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
      for (let i = 0; i < 100 && seen.length < 1; i++) await sleep(20);
      expect(seen).toEqual([{ n: 7 }]);
    });

    it('retries a failing job until it succeeds, counting attempts from 1', async () => {
      const job = `retry-${randomUUID()}`;
      const attempts: number[] = [];
      queue.process(job, async (_data, attempt) => {
        attempts.push(attempt);
        if (attempt < 3) throw new Error('not yet');
      });
      await queue.enqueue(job, {}, { attempts: 4, backoffMs: 20 });
      for (let i = 0; i < 150 && attempts.length < 3; i++) await sleep(20);
      await sleep(100);
      expect(attempts).toEqual([1, 2, 3]);
    });

    it('adds a job once per job id while it is pending', async () => {
      const job = `dedupe-${randomUUID()}`;
      let calls = 0;
      const jobId = randomUUID();
      await queue.enqueue(job, {}, { jobId });
      await queue.enqueue(job, {}, { jobId });
      queue.process(job, async () => {
        calls += 1;
      });
      for (let i = 0; i < 100 && calls < 1; i++) await sleep(20);
      await sleep(200);
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
      for (let i = 0; i < 150 && dead.length < 1; i++) await sleep(20);
      await sleep(200);
      expect(dead).toEqual([{ data: { n: 1 }, error: 'attempt 2 failed', attempts: 2 }]);
      expect(calls).toBe(2);

      await queue.forget(job, jobId);
      await queue.enqueue(job, { n: 2 }, { attempts: 1, jobId });
      for (let i = 0; i < 150 && dead.length < 2; i++) await sleep(20);
      expect(dead[1]).toEqual({ data: { n: 2 }, error: 'attempt 1 failed', attempts: 1 });
    });

    it('dead-letters a PermanentJobError without retrying it', async () => {
      const job = `permanent-${randomUUID()}`;
      const dead: number[] = [];
      let calls = 0;
      queue.process(
        job,
        async () => {
          calls += 1;
          throw new PermanentJobError('retrying cannot help');
        },
        { onDeadLetter: async (_data, _error, attempts) => void dead.push(attempts) },
      );
      await queue.enqueue(job, {}, { attempts: 5, backoffMs: 20 });
      for (let i = 0; i < 150 && dead.length < 1; i++) await sleep(20);
      await sleep(200);
      expect({ calls, dead }).toEqual({ calls: 1, dead: [1] });
    });

    it('runs a scheduled job every interval until the schedule is removed', async () => {
      const job = `tick-${randomUUID()}`;
      let runs = 0;
      queue.process(job, async () => {
        runs += 1;
      });
      await queue.schedule(job, 100);
      for (let i = 0; i < 200 && runs < 3; i++) await sleep(20);
      expect(runs).toBeGreaterThanOrEqual(3);
      await queue.schedule(job, 0);
      await sleep(300);
      const after = runs;
      await sleep(400);
      expect(runs).toBe(after);
    });
  });
}

jobQueueContract('in-process', () => new InProcessJobQueue(), true);
jobQueueContract(
  'BullMQ on Redis',
  () => new BullMqJobQueue({ REDIS_URL: redisUrl, JOB_LOCK_DURATION_MS: 30_000 } as Env),
  redisUrl !== undefined,
);
