/**
 * The time of day, as a port: business code asks a `Clock` instead of calling `Date.now()` / `new Date()`, so
 * unit tests can set and move time exactly (`test/fakes/clock.fake.ts`). Infrastructure timing (timeouts, latency
 * measurements, lock leases) keeps using the process clock.
 */
export abstract class Clock {
  /** The current instant as a new `Date` (callers may keep or mutate it). */
  abstract now(): Date;

  /** The current instant in milliseconds since the Unix epoch (UTC). */
  nowMs(): number {
    return this.now().getTime();
  }
}

/** The machine's clock. */
export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }

  override nowMs(): number {
    return Date.now();
  }
}

/** One shared {@link SystemClock} for code built outside Nest's container (CLI, scripts). */
export const systemClock: Clock = new SystemClock();
