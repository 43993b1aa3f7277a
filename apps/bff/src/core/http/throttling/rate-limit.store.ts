import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';

/** Result of one counted hit (seconds, as `@nestjs/throttler` expects them). */
export interface RateLimitRecord {
  totalHits: number;
  /** Seconds until the counting window ends. */
  timeToExpire: number;
  isBlocked: boolean;
  /** Seconds until the block ends (0 when not blocked). */
  timeToBlockExpire: number;
}

/** Escalating lockout settings (login failures). */
export interface LockoutPolicy {
  /** Counting window, ms. */
  windowMs: number;
  /** Failures within the window that start a lockout. */
  maxFailures: number;
  /** First lockout, ms; the n-th lockout lasts `baseMs * 2^(n-1)`. */
  baseMs: number;
  /** Longest lockout, ms. */
  maxMs: number;
  /** How long earlier lockouts count towards the next one's length, ms. */
  memoryMs: number;
}

/**
 * Counters for rate limits, shared by every BFF instance through Redis (`REDIS_URL`) or local to one process.
 * Implements `@nestjs/throttler`'s storage (fixed window per key; once over the limit the key is blocked for
 * `blockDuration` and its window starts afresh) and adds an escalating lockout for failed logins.
 */
export abstract class RateLimitStore implements ThrottlerStorage {
  /** Counts one hit of `key` (throttler semantics; `ttl` and `blockDuration` in ms). */
  abstract increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<RateLimitRecord>;
  /** Remaining lockout of `key`, ms (0 when not locked). */
  abstract lockedForMs(key: string): Promise<number>;
  /**
   * Counts one failure of `key`; at `maxFailures` within the window the key is locked out for
   * `baseMs * 2^(lockouts-1)` (capped at `maxMs`) and its count restarts.
   * @returns the lockout just started, ms (0 when none)
   */
  abstract recordFailure(key: string, policy: LockoutPolicy): Promise<number>;
}

const toSeconds = (ms: number): number => Math.max(0, Math.ceil(ms / 1000));
const escalate = (policy: LockoutPolicy, strikes: number): number =>
  Math.min(policy.baseMs * 2 ** Math.max(0, strikes - 1), policy.maxMs);

// KEYS: hits, block. ARGV: ttl ms, limit, block ms. Returns {hits, window pttl, blocked, block pttl}.
const INCREMENT_LUA = `
local blockTtl = redis.call('PTTL', KEYS[2])
if blockTtl > 0 then
  local hits = tonumber(redis.call('GET', KEYS[1]) or '0')
  return {hits, math.max(redis.call('PTTL', KEYS[1]), 0), 1, blockTtl}
end
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local ttl = redis.call('PTTL', KEYS[1])
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  redis.call('DEL', KEYS[1])
  return {hits, ttl, 1, tonumber(ARGV[3])}
end
return {hits, ttl, 0, 0}`;

// KEYS: failures, block, strikes. ARGV: window ms, max failures, base ms, max ms, memory ms. Returns lockout ms.
const FAILURE_LUA = `
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
if hits >= tonumber(ARGV[2]) then
  local strikes = redis.call('INCR', KEYS[3])
  redis.call('PEXPIRE', KEYS[3], ARGV[5])
  local d = math.floor(math.min(tonumber(ARGV[3]) * (2 ^ (strikes - 1)), tonumber(ARGV[4])))
  redis.call('SET', KEYS[2], '1', 'PX', d)
  redis.call('DEL', KEYS[1])
  return d
end
return 0`;

/** {@link RateLimitStore} on Redis: each operation is one Lua script, so concurrent instances count exactly. */
export class RedisRateLimitStore extends RateLimitStore {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'portico:ratelimit:',
  ) {
    super();
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<RateLimitRecord> {
    const k = `${this.prefix}${throttlerName}:${key}`;
    const [hits, windowMs, blocked, blockMs] = (await this.redis.eval(
      INCREMENT_LUA,
      2,
      `${k}:hits`,
      `${k}:block`,
      ttl,
      limit,
      blockDuration,
    )) as number[];
    return {
      totalHits: hits ?? 0,
      timeToExpire: toSeconds(windowMs ?? 0),
      isBlocked: blocked === 1,
      timeToBlockExpire: toSeconds(blockMs ?? 0),
    };
  }

  async lockedForMs(key: string): Promise<number> {
    return Math.max(0, await this.redis.pttl(`${this.prefix}lockout:${key}:block`));
  }

  async recordFailure(key: string, policy: LockoutPolicy): Promise<number> {
    const k = `${this.prefix}lockout:${key}`;
    const result = await this.redis.eval(
      FAILURE_LUA,
      3,
      `${k}:failures`,
      `${k}:block`,
      `${k}:strikes`,
      policy.windowMs,
      policy.maxFailures,
      policy.baseMs,
      policy.maxMs,
      policy.memoryMs,
    );
    return Number(result);
  }
}

interface Counter {
  hits: number;
  expiresAt: number;
}

/** {@link RateLimitStore} in this process's memory (one BFF instance); expired entries are swept each minute. */
export class MemoryRateLimitStore extends RateLimitStore {
  private readonly counters = new Map<string, Counter>();
  private readonly blocks = new Map<string, number>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly now: () => number = Date.now) {
    super();
    this.sweeper = setInterval(() => this.sweep(), 60_000);
    this.sweeper.unref();
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<RateLimitRecord> {
    const k = `${throttlerName}:${key}`;
    const now = this.now();
    const blockedUntil = this.blocks.get(k) ?? 0;
    const counter = this.live(k, now);
    if (blockedUntil > now) {
      return {
        totalHits: counter?.hits ?? 0,
        timeToExpire: toSeconds((counter?.expiresAt ?? now) - now),
        isBlocked: true,
        timeToBlockExpire: toSeconds(blockedUntil - now),
      };
    }
    const c = counter ?? { hits: 0, expiresAt: now + ttl };
    c.hits += 1;
    this.counters.set(k, c);
    if (c.hits > limit) {
      this.blocks.set(k, now + blockDuration);
      this.counters.delete(k);
      return {
        totalHits: c.hits,
        timeToExpire: toSeconds(c.expiresAt - now),
        isBlocked: true,
        timeToBlockExpire: toSeconds(blockDuration),
      };
    }
    return {
      totalHits: c.hits,
      timeToExpire: toSeconds(c.expiresAt - now),
      isBlocked: false,
      timeToBlockExpire: 0,
    };
  }

  async lockedForMs(key: string): Promise<number> {
    return Math.max(0, (this.blocks.get(`lockout:${key}`) ?? 0) - this.now());
  }

  async recordFailure(key: string, policy: LockoutPolicy): Promise<number> {
    const k = `lockout:${key}`;
    const now = this.now();
    const c = this.live(`${k}:failures`, now) ?? { hits: 0, expiresAt: now + policy.windowMs };
    c.hits += 1;
    this.counters.set(`${k}:failures`, c);
    if (c.hits < policy.maxFailures) return 0;
    const strikes = (this.live(`${k}:strikes`, now)?.hits ?? 0) + 1;
    this.counters.set(`${k}:strikes`, { hits: strikes, expiresAt: now + policy.memoryMs });
    const duration = escalate(policy, strikes);
    this.blocks.set(k, now + duration);
    this.counters.delete(`${k}:failures`);
    return duration;
  }

  private live(key: string, now: number): Counter | undefined {
    const c = this.counters.get(key);
    if (c && c.expiresAt <= now) {
      this.counters.delete(key);
      return undefined;
    }
    return c;
  }

  private sweep(): void {
    const now = this.now();
    for (const [k, c] of this.counters) if (c.expiresAt <= now) this.counters.delete(k);
    for (const [k, until] of this.blocks) if (until <= now) this.blocks.delete(k);
  }
}
