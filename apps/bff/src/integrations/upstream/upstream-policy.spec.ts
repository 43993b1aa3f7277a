import { parseRetryAfter, UpstreamResilience, type UpstreamPolicyOptions } from './upstream-policy';
import { UpstreamException } from './upstream.exception';

const options = (overrides: Partial<UpstreamPolicyOptions> = {}): UpstreamPolicyOptions => ({
  timeoutMs: 200,
  retryMaxAttempts: 3,
  retryInitialDelayMs: 1,
  retryMaxDelayMs: 5,
  breakerThreshold: 3,
  breakerHalfOpenAfterMs: 50,
  rateLimitDefaultMs: 60_000,
  maxConcurrent: 2,
  maxQueued: 1,
  ...overrides,
});
afterEach(() => jest.useRealTimers());
const down = () => new UpstreamException('whmcs', 'unreachable', 'HTTP 500');

async function failureOf(run: Promise<unknown>): Promise<UpstreamException> {
  const err = await run.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof UpstreamException))
    throw new Error(`expected an UpstreamException, got ${String(err)}`);
  return err;
}

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates, ignores the rest', () => {
    expect(parseRetryAfter('30')).toBe(30_000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:10 GMT', now)).toBe(10_000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 00:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(undefined)).toBeUndefined();
  });
});

describe('UpstreamResilience', () => {
  it('retries fast failures of reads with backoff, never writes, never rejections', async () => {
    const upstream = new UpstreamResilience('whmcs', options({ breakerThreshold: 100 }));
    let calls = 0;
    await failureOf(
      upstream.execute('default', 'read', 'read', async () => (calls++, Promise.reject(down()))),
    );
    expect(calls).toBe(3);
    calls = 0;
    await failureOf(
      upstream.execute('default', 'write', 'write', async () => (calls++, Promise.reject(down()))),
    );
    expect(calls).toBe(1);
    calls = 0;
    const rejected = new UpstreamException('whmcs', 'rejected', 'not found');
    await failureOf(
      upstream.execute('default', 'read', 'read', async () => (calls++, Promise.reject(rejected))),
    );
    expect(calls).toBe(1);
  });

  it('cuts an attempt at the timeout (the signal fires) and does not retry it', async () => {
    const upstream = new UpstreamResilience('whmcs', options());
    let calls = 0;
    let aborted = false;
    const err = await failureOf(
      upstream.execute('default', 'read', 'read', (signal) => {
        calls += 1;
        signal.addEventListener('abort', () => (aborted = true));
        return new Promise<never>(() => undefined);
      }),
    );
    expect(err.kind).toBe('timeout');
    expect(aborted).toBe(true);
    expect(calls).toBe(1);
  });

  it('opens after consecutive failures, short-circuits, then closes after a good trial call', async () => {
    jest.useFakeTimers({ now: new Date('2026-01-15T10:00:00.000Z') });
    const upstream = new UpstreamResilience('salesforce', options({ retryMaxAttempts: 1 }), ['api']);
    let calls = 0;
    const failing = async (): Promise<string> => (calls++, Promise.reject(down()));
    for (let i = 0; i < 3; i += 1) await failureOf(upstream.execute('api', 'read', 'q', failing));
    expect(upstream.snapshot()).toMatchObject({ breaker: 'open', openReason: 'failures' });
    const held = await failureOf(upstream.execute('api', 'read', 'q', failing));
    expect(held).toMatchObject({ kind: 'unreachable', shortCircuited: true });
    expect(calls).toBe(3);
    await jest.advanceTimersByTimeAsync(60);
    expect(upstream.snapshot().breaker).toBe('half_open');
    await expect(upstream.execute('api', 'read', 'q', async () => 'ok')).resolves.toBe('ok');
    expect(upstream.snapshot()).toMatchObject({ breaker: 'closed', openReason: null, retryAt: null });
  });

  it('does not count rejections (4xx, business errors) towards opening', async () => {
    const upstream = new UpstreamResilience('whmcs', options({ retryMaxAttempts: 1 }));
    const rejected = new UpstreamException('whmcs', 'rejected', 'Invoice ID Not Found');
    for (let i = 0; i < 5; i += 1)
      await failureOf(upstream.execute('default', 'read', 'r', async () => Promise.reject(rejected)));
    expect(upstream.snapshot().breaker).toBe('closed');
  });

  it('opens at once on a rate limit, for the time asked, and holds every family off', async () => {
    const upstream = new UpstreamResilience('whmcs', options(), ['client', 'billing']);
    const limited = new UpstreamException('whmcs', 'unreachable', 'HTTP 429', {
      rateLimited: true,
      retryAfterMs: 20_000,
    });
    let calls = 0;
    await failureOf(upstream.execute('billing', 'read', 'r', async () => (calls++, Promise.reject(limited))));
    expect(calls).toBe(1);
    const snap = upstream.snapshot();
    expect(snap).toMatchObject({ breaker: 'open', openReason: 'rate_limited' });
    expect(snap.families.billing).toMatchObject({ breaker: 'open', openReason: 'rate_limited' });
    expect(Date.parse(snap.retryAt ?? '') - Date.now()).toBeGreaterThan(19_000);
    const held = await failureOf(upstream.execute('client', 'read', 'r', async () => 'never'));
    expect(held).toMatchObject({ shortCircuited: true, rateLimited: true });
  });

  it('caps concurrent calls (bulkhead): beyond the queue, calls fail at once', async () => {
    const upstream = new UpstreamResilience(
      'whmcs',
      options({ maxConcurrent: 2, maxQueued: 1, timeoutMs: 1000 }),
    );
    let running = 0;
    let peak = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const slow = async () => {
      running += 1;
      peak = Math.max(peak, running);
      await gate;
      running -= 1;
      return 'ok';
    };
    const settled = Promise.allSettled(
      [1, 2, 3, 4].map(() => upstream.execute('default', 'read', 'r', slow)),
    );
    // Every call has reached the bulkhead (two run, one waits, one is refused) before the running ones finish.
    await new Promise((r) => setImmediate(r));
    release();
    const results = await settled;
    expect(peak).toBe(2);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    const rejected = results.find((r) => r.status === 'rejected');
    expect(rejected?.status === 'rejected' ? rejected.reason : null).toMatchObject({ shortCircuited: true });
  });
});
