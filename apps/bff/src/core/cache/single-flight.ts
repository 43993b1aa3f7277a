import { randomUUID } from 'node:crypto';
import { CachePort } from './cache.port';
import { MAX_WAIT_LEASES, renewWhileHeld } from './lock-lease';

/** How a failure crosses instances: turned into JSON by the loading instance, back into an error by the waiters. */
export interface FlightErrorCodec {
  encode(err: unknown): unknown;
  decode(encoded: unknown): Error;
}

/** A flight's outcome as left in the shared cache for the instances waiting on it. */
type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };

const POLL_MIN_MS = 10;
const POLL_MAX_MS = 100;
/** How long a finished flight's outcome stays readable by late waiters, ms. */
const OUTCOME_MS = 5000;
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs one call per key at a time: concurrent callers of the process share its promise and, when the cache is
 * shared (Redis), callers on other instances wait for it too (lock `SET NX PX` holding a flight token; the outcome
 * is left under that token, so only callers that overlapped the flight see it). Nothing is cached beyond the
 * flight: a call made after it finished runs again.
 */
export class SingleFlight {
  private readonly inflight = new Map<string, Promise<unknown>>();

  /**
   * @param cache the shared store (in-process only when `cache.shared` is false)
   * @param lockMs lease of a flight's lock, renewed while it runs (a dead holder frees it within one lease); waiters
   *   wait at most {@link MAX_WAIT_LEASES} leases, then run the call themselves, ms
   * @param codec how failures cross instances
   */
  constructor(
    private readonly cache: CachePort,
    private readonly lockMs: number,
    private readonly codec: FlightErrorCodec,
  ) {}

  /**
   * The result of `fn`, shared by every overlapping caller of `key`.
   * @throws what `fn` threw (decoded by the codec for callers on other instances)
   */
  run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const running = this.inflight.get(key) as Promise<T> | undefined;
    if (running) return running;
    const flight = this.cache.shared ? this.acrossInstances(key, fn) : fn();
    this.inflight.set(key, flight);
    const settle = (): void => {
      if (this.inflight.get(key) === flight) this.inflight.delete(key);
    };
    flight.then(settle, settle);
    return flight;
  }

  private async acrossInstances<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const lock = `flight:${key}`;
    const deadline = Date.now() + this.lockMs * MAX_WAIT_LEASES;
    for (;;) {
      const token = randomUUID();
      if (await this.cache.setIfAbsent(lock, token, this.lockMs)) return this.lead(lock, token, fn);
      const holder = await this.cache.get<string>(lock);
      if (holder === undefined) continue;
      let pollMs = POLL_MIN_MS;
      while (Date.now() < deadline) {
        await sleep(pollMs);
        pollMs = Math.min(POLL_MAX_MS, pollMs * 2);
        const seen: Array<unknown> = await this.cache.getMany<unknown>([`${lock}:${holder}`, lock]);
        const outcome = seen[0] as Outcome | undefined;
        if (outcome !== undefined) {
          if (outcome.ok) return outcome.value as T;
          throw this.codec.decode(outcome.error);
        }
        if (seen[1] !== holder) break; // the holder vanished without an outcome: try to lead
      }
      if (Date.now() >= deadline) return fn();
    }
  }

  private async lead<T>(lock: string, token: string, fn: () => Promise<T>): Promise<T> {
    const stopRenewing = renewWhileHeld(this.cache, lock, token, this.lockMs);
    let value: T;
    try {
      value = await fn();
    } catch (err) {
      stopRenewing();
      await this.finish(lock, token, { ok: false, error: this.codec.encode(err) });
      throw err;
    }
    stopRenewing();
    await this.finish(lock, token, { ok: true, value });
    return value;
  }

  /** Leaves the outcome for the waiters, then releases the lock. */
  private async finish(lock: string, token: string, outcome: Outcome): Promise<void> {
    await this.cache.set(`${lock}:${token}`, outcome, OUTCOME_MS).catch(() => undefined);
    await this.cache.deleteIfEquals(lock, token).catch(() => undefined);
  }
}
