import { InProcessJobQueue } from './in-process-job-queue.adapter';

const until = async (check: () => boolean, ms = 2000): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('InProcessJobQueue', () => {
  let queue: InProcessJobQueue;
  beforeEach(() => {
    queue = new InProcessJobQueue();
  });
  afterEach(() => queue.onApplicationShutdown());

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
    await new Promise((r) => setTimeout(r, 100));
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
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toBe(1);
    await queue.enqueue('once', {}, { jobId: 'd-1' });
    await until(() => calls === 2);
  });

  it('limits how many jobs of a name run at once', async () => {
    let running = 0;
    let peak = 0;
    queue.process(
      'limited',
      async () => {
        running += 1;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 10));
        running -= 1;
      },
      2,
    );
    for (let i = 0; i < 6; i += 1) await queue.enqueue('limited', { i });
    await until(() => running === 0 && peak > 0, 2000);
    await new Promise((r) => setTimeout(r, 50));
    expect(peak).toBe(2);
  });
});
