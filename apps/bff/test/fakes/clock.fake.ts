import { Clock } from '../../src/core/clock/clock';

/** A {@link Clock} that stands still until a test moves it. Starts at 2026-01-15T10:00:00Z unless told otherwise. */
export class FakeClock extends Clock {
  private ms: number;

  constructor(start: Date | string = '2026-01-15T10:00:00.000Z') {
    super();
    this.ms = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.ms);
  }

  /** Moves time forward by `ms` milliseconds. */
  advance(ms: number): this {
    this.ms += ms;
    return this;
  }

  /** Sets the current instant. */
  set(at: Date | string): this {
    this.ms = new Date(at).getTime();
    return this;
  }
}
