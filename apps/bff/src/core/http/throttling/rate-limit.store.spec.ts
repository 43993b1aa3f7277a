import { MemoryRateLimitStore, type LockoutPolicy } from './rate-limit.store';

describe('MemoryRateLimitStore', () => {
  let now = 1_000_000;
  const store = new MemoryRateLimitStore(() => now);

  it('counts a fixed window, blocks past the limit, then starts a fresh window', async () => {
    for (let i = 1; i <= 3; i++) {
      expect(await store.increment('u1', 60_000, 3, 60_000, 'api')).toMatchObject({
        totalHits: i,
        isBlocked: false,
      });
    }
    expect(await store.increment('u1', 60_000, 3, 60_000, 'api')).toMatchObject({
      isBlocked: true,
      timeToBlockExpire: 60,
    });
    now += 30_000;
    expect(await store.increment('u1', 60_000, 3, 60_000, 'api')).toMatchObject({
      isBlocked: true,
      timeToBlockExpire: 30,
    });
    now += 30_001;
    expect(await store.increment('u1', 60_000, 3, 60_000, 'api')).toMatchObject({
      totalHits: 1,
      isBlocked: false,
    });
  });

  it('locks out after the failures and doubles each further lockout up to the cap', async () => {
    const policy: LockoutPolicy = {
      windowMs: 60_000,
      maxFailures: 2,
      baseMs: 1_000,
      maxMs: 3_000,
      memoryMs: 86_400_000,
    };
    expect(await store.recordFailure('ip|a@b.c', policy)).toBe(0);
    expect(await store.recordFailure('ip|a@b.c', policy)).toBe(1_000);
    expect(await store.lockedForMs('ip|a@b.c')).toBe(1_000);
    now += 1_000;
    expect(await store.lockedForMs('ip|a@b.c')).toBe(0);
    await store.recordFailure('ip|a@b.c', policy);
    expect(await store.recordFailure('ip|a@b.c', policy)).toBe(2_000);
    now += 2_000;
    await store.recordFailure('ip|a@b.c', policy);
    expect(await store.recordFailure('ip|a@b.c', policy)).toBe(3_000);
    expect(await store.lockedForMs('other')).toBe(0);
  });
});
