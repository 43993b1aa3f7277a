import { InProcessJobQueue } from './in-process-job-queue.adapter';
import { PermanentJobError } from './job-queue.port';

/** Moves fake time on in 5 ms steps until `check` holds (at most `ms` of fake time). */
const until = async (check: () => boolean, ms = 2000): Promise<void> => {
  for (let waited = 0; !check(); waited += 5) {
    if (waited > ms) throw new Error('timed out');
    await jest.advanceTimersByTimeAsync(5);
  }
};
/** Lets `ms` of fake time pass (every timer due in it runs). */
const elapse = (ms: number) => jest.advanceTimersByTimeAsync(ms);
/** Handlers' work that ends when the test says so: `hold()` in a handler, `releaseOne()` in the test. */
function gates(): { hold: () => Promise<void>; releaseOne: () => void } {
  const waiting: Array<() => void> = [];
  return {
    hold: () => new Promise<void>((release) => waiting.push(release)),
    releaseOne: () => waiting.shift()?.(),
  };
}

describe('InProcessJobQueue', () => {
  let queue: InProcessJobQueue;
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-01-15T10:00:00.000Z') });
    queue = new InProcessJobQueue();
  });
  afterEach(() => {
    queue.onApplicationShutdown();
    jest.useRealTimers();
  });

  it('runs enqueued jobs, including those added before the handler was registered', async () => {
    const seen: number[] = [];
    await queue.enqueue('job', { n: 1 });
    queue.process<{ n: number }>('job', async ({ n }) => {
      seen.push(n);
    });
    await queue.enqueue('job', { n: 2 });
    await until(() => seen.length === 2);
    expect(seen.sort()).toEqual([1, 2]);
  });

  it('retries a failing job with growing delays and stops after its attempts', async () => {
    const at: number[] = [];
    queue.process('flaky', async (_data, attempt) => {
      at.push(Date.now());
      if (attempt < 3) throw new Error(`attempt ${attempt} failed`);
    });
    await queue.enqueue('flaky', {}, { attempts: 3, backoffMs: 20 });
    await until(() => at.length === 3);
    const [a, b, c] = at as [number, number, number];
    expect(b - a).toBeGreaterThanOrEqual(18);
    expect(c - b).toBeGreaterThanOrEqual(38);

    let calls = 0;
    queue.process('doomed', async () => {
      calls += 1;
      throw new Error('always');
    });
    await queue.enqueue('doomed', {}, { attempts: 2, backoffMs: 5 });
    await elapse(100);
    expect(calls).toBe(2);
  });

  it('does not add a job whose id is still queued or running', async () => {
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    queue.process('once', async () => {
      calls += 1;
      await gate;
    });
    await queue.enqueue('once', {}, { jobId: 'd-1' });
    await queue.enqueue('once', {}, { jobId: 'd-1' });
    await until(() => calls === 1);
    release();
    await elapse(20);
    expect(calls).toBe(1);
    await queue.enqueue('once', {}, { jobId: 'd-1' });
    await until(() => calls === 2);
  });

  it('limits how many jobs of a name run at once', async () => {
    const work = gates();
    let running = 0;
    queue.process(
      'limited',
      async () => {
        running += 1;
        await work.hold();
        running -= 1;
      },
      2,
    );
    for (let i = 0; i < 6; i += 1) await queue.enqueue('limited', { i });
    // Each time one ends, the next one starts: two run at once as long as two are left.
    for (let left = 6; left > 0; left -= 1) {
      await elapse(10);
      expect(running).toBe(Math.min(2, left));
      work.releaseOne();
    }
    await elapse(10);
    expect(running).toBe(0);
  });

  it('hands a job whose attempts ran out to the dead-letter handler, once, with the last error', async () => {
    const dead: Array<{ data: unknown; error: string; attempts: number }> = [];
    queue.process<{ n: number }>(
      'doomed',
      async (_data, attempt) => {
        throw new Error(`attempt ${attempt} failed`);
      },
      {
        onDeadLetter: async (data, error, attempts) =>
          void dead.push({ data, error: error.message, attempts }),
      },
    );
    await queue.enqueue('doomed', { n: 7 }, { attempts: 3, backoffMs: 5, jobId: 'd-7' });
    await until(() => dead.length === 1);
    await elapse(50);
    expect(dead).toEqual([{ data: { n: 7 }, error: 'attempt 3 failed', attempts: 3 }]);
    // The id is free again: a replay runs.
    await queue.enqueue('doomed', { n: 7 }, { attempts: 1, jobId: 'd-7' });
    await until(() => dead.length === 2);
  });

  it('dead-letters a PermanentJobError without retrying', async () => {
    let calls = 0;
    const dead: number[] = [];
    queue.process(
      'broken',
      async () => {
        calls += 1;
        throw new PermanentJobError('cannot ever work');
      },
      { onDeadLetter: async (_d, _e, attempts) => void dead.push(attempts) },
    );
    await queue.enqueue('broken', {}, { attempts: 5, backoffMs: 5 });
    await until(() => dead.length === 1);
    await elapse(50);
    expect(calls).toBe(1);
    expect(dead).toEqual([1]);
  });

  it('runs a scheduled job on its interval, never two runs at once', async () => {
    const work = gates();
    let runs = 0;
    queue.process('tick', async () => {
      runs += 1;
      await work.hold();
    });
    await queue.schedule('tick', 10);
    await elapse(15);
    expect(runs).toBe(1);
    // Ten intervals pass while the first run is still going: none of them adds a second run.
    await elapse(100);
    expect(runs).toBe(1);
    work.releaseOne();
    await elapse(10);
    expect(runs).toBe(2);
    work.releaseOne();
  });
});
