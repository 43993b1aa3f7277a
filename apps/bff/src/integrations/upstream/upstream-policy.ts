import { Logger } from '@nestjs/common';
import type { BreakerOpenReason, BreakerState, UpstreamStatus } from '@portico/domain';
import {
  BrokenCircuitError,
  BulkheadRejectedError,
  CircuitBreakerPolicy,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  IsolatedCircuitError,
  TaskCancelledError,
  TimeoutStrategy,
  bulkhead,
  circuitBreaker,
  handleWhen,
  retry,
  timeout,
  wrap,
  type BulkheadPolicy,
  type IBackoff,
  type IBackoffFactory,
  type IBreaker,
  type IHalfOpenAfterBackoffContext,
  type IPolicy,
} from 'cockatiel';
import { UpstreamException, type UpstreamSystem } from './upstream.exception';

/** Resilience settings of one upstream (all durations in ms). */
export interface UpstreamPolicyOptions {
  /** Per-attempt timeout. */
  readonly timeoutMs: number;
  /** Attempts of an idempotent read, the first included (1 = no retry). */
  readonly retryMaxAttempts: number;
  /** First retry delay; later ones grow exponentially with decorrelated jitter. */
  readonly retryInitialDelayMs: number;
  /** Longest retry delay. */
  readonly retryMaxDelayMs: number;
  /** Consecutive failures (timeouts, connection failures, 5xx, malformed answers) that open a breaker. */
  readonly breakerThreshold: number;
  /** How long a breaker opened by failures stays open before a trial call. */
  readonly breakerHalfOpenAfterMs: number;
  /** How long a rate limit without `Retry-After` (e.g. Salesforce `REQUEST_LIMIT_EXCEEDED`) keeps calls off. */
  readonly rateLimitDefaultMs: number;
  /** Calls to the upstream under way at once (bulkhead); more wait in a queue. */
  readonly maxConcurrent: number;
  /** Calls waiting for a bulkhead slot; beyond that a call fails at once (`unreachable`, "too many calls"). */
  readonly maxQueued: number;
  /**
   * Told of every call once it ends (retries included), for metrics: the action without the upstream's name, its
   * duration in seconds, and null or the failure kind (`timeout`, `unreachable`, `rejected`, `rate_limited`,
   * `breaker_open`, `bulkhead_full`).
   */
  readonly onCall?: (action: string, seconds: number, errorKind: string | null) => void;
}

/** The kind of a failed call as reported to {@link UpstreamPolicyOptions.onCall}. */
export function failureKind(err: UpstreamException): string {
  if (err.rateLimited) return 'rate_limited';
  if (err.shortCircuited) return /bulkhead/.test(err.message) ? 'bulkhead_full' : 'breaker_open';
  return err.kind;
}

/** One circuit breaker's state, for `/health/ready` and the status document. */
export interface BreakerSnapshot extends UpstreamStatus {
  /** Consecutive failures counted so far while closed. */
  readonly consecutiveFailures: number;
}

/** State of an upstream: the most restrictive of its breakers, plus each breaker (by action family). */
export interface UpstreamSnapshot extends UpstreamStatus {
  readonly families: Readonly<Record<string, BreakerSnapshot>>;
}

/** Failures that say the upstream is unhealthy (and count towards opening its breaker). */
export function isUpstreamFailure(err: unknown): boolean {
  if (err instanceof TaskCancelledError) return true;
  return err instanceof UpstreamException && err.kind !== 'rejected' && !err.shortCircuited;
}

/** Failures worth another attempt of an idempotent read: fast connection failures and 5xx, never rate limits. */
function isRetryable(err: unknown): boolean {
  return (
    err instanceof UpstreamException && err.kind === 'unreachable' && !err.rateLimited && !err.shortCircuited
  );
}

/**
 * `Retry-After` (delay in seconds, or an HTTP date) as a delay in ms from `now`.
 * @returns undefined when absent or unreadable; never negative
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}

/** A consecutive-failures breaker that also opens at once when told to (rate limits). */
class TrippableBreaker implements IBreaker {
  private readonly inner: ConsecutiveBreaker;
  /** Set just before a failure is reported: open now, whatever the count. */
  tripNext = false;

  constructor(threshold: number) {
    this.inner = new ConsecutiveBreaker(threshold);
  }

  get state(): unknown {
    return this.inner.state;
  }

  set state(value: unknown) {
    this.inner.state = typeof value === 'number' ? value : 0;
  }

  /** Consecutive failures counted. */
  get failures(): number {
    return this.inner.state;
  }

  success(): void {
    this.tripNext = false;
    this.inner.success();
  }

  failure(): boolean {
    const trip = this.tripNext;
    this.tripNext = false;
    return this.inner.failure() || trip;
  }
}

/** Half-open delay: what the upstream asked for on a rate limit, else the configured delay. */
class OpenDuration implements IBackoffFactory<IHalfOpenAfterBackoffContext> {
  constructor(
    private readonly failuresMs: number,
    private readonly onOpen: (durationMs: number, reason: BreakerOpenReason) => void,
  ) {}

  next(context: IHalfOpenAfterBackoffContext): IBackoff<IHalfOpenAfterBackoffContext> {
    const error = 'error' in context.result ? context.result.error : undefined;
    const rateLimited = error instanceof UpstreamException && error.rateLimited;
    const duration = rateLimited ? (error.retryAfterMs ?? this.failuresMs) : this.failuresMs;
    this.onOpen(duration, rateLimited ? 'rate_limited' : 'failures');
    return { duration, next: (ctx) => this.next(ctx) };
  }
}

/** One circuit breaker (an upstream, or one action family of it) and what it knows about its state. */
class FamilyBreaker {
  readonly breaker: TrippableBreaker;
  readonly policy: CircuitBreakerPolicy;
  private openedAt = 0;
  private openForMs = 0;
  private reason: BreakerOpenReason | null = null;

  constructor(
    readonly name: string,
    private readonly options: UpstreamPolicyOptions,
    private readonly system: UpstreamSystem,
    logger: Logger,
  ) {
    this.breaker = new TrippableBreaker(options.breakerThreshold);
    this.policy = circuitBreaker(
      handleWhen((err) => {
        const failure = isUpstreamFailure(err);
        if (failure && err instanceof UpstreamException && err.rateLimited) this.breaker.tripNext = true;
        return failure;
      }),
      {
        breaker: this.breaker,
        halfOpenAfter: new OpenDuration(options.breakerHalfOpenAfterMs, (durationMs, reason) => {
          this.openedAt = Date.now();
          this.openForMs = durationMs;
          this.reason = reason;
        }),
      },
    );
    this.policy.onBreak(() =>
      logger.warn(
        { upstream: system, family: name, reason: this.reason, openForMs: this.openForMs },
        'circuit breaker opened',
      ),
    );
    this.policy.onReset(() => {
      this.reason = null;
      logger.log({ upstream: system, family: name }, 'circuit breaker closed');
    });
  }

  /** Time left until the breaker lets a trial call through, ms (0 when not open). */
  remainingMs(now = Date.now()): number {
    if (this.policy.state !== CircuitState.Open) return 0;
    return Math.max(0, this.openedAt + this.openForMs - now);
  }

  snapshot(now = Date.now()): BreakerSnapshot {
    const state = this.policy.state;
    const consecutiveFailures = this.breaker.failures;
    if (state === CircuitState.Closed)
      return { breaker: 'closed', openReason: null, retryAt: null, consecutiveFailures };
    const remaining = this.remainingMs(now);
    if (state === CircuitState.HalfOpen || (state === CircuitState.Open && remaining === 0)) {
      // An open breaker past its delay lets the next call through as a trial.
      return {
        breaker: 'half_open',
        openReason: this.reason ?? 'failures',
        retryAt: null,
        consecutiveFailures,
      };
    }
    return {
      breaker: 'open',
      openReason: this.reason ?? 'failures',
      retryAt: new Date(now + remaining).toISOString(),
      consecutiveFailures,
    };
  }

  /** The exception thrown in place of a call while the breaker is open. */
  shortCircuit(action: string): UpstreamException {
    const retryAfterMs = this.remainingMs();
    const why = this.reason === 'rate_limited' ? 'rate limited by the upstream' : 'circuit breaker open';
    return new UpstreamException(
      this.system,
      'unreachable',
      `${action}: ${why} (${this.name}), retry in ${retryAfterMs} ms`,
      {
        retryAfterMs,
        rateLimited: this.reason === 'rate_limited',
        shortCircuited: true,
      },
    );
  }
}

const STATE_RANK: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

/**
 * Resilience of one upstream (cockatiel), shared by every call to it from this BFF instance:
 * - a bulkhead capping calls under way at once (`maxConcurrent`, then a queue of `maxQueued`);
 * - a circuit breaker per action family (e.g. WHMCS client details vs billing reads): `breakerThreshold`
 *   consecutive failures open it for `breakerHalfOpenAfterMs`, then one trial call decides;
 * - rate limits (HTTP 429 with `Retry-After`, Salesforce `REQUEST_LIMIT_EXCEEDED`) open the breaker at once for
 *   the time the upstream asks (`rateLimitDefaultMs` when it does not say) and hold every family of the upstream
 *   off for that time, as the limit is per API user;
 * - a per-attempt timeout (`timeoutMs`; the function receives an `AbortSignal` that fires then);
 * - for idempotent reads only, retries of fast failures (connection failures, 5xx) with exponential backoff and
 *   decorrelated jitter, `retryMaxAttempts` attempts in all. Timeouts and rate limits are not retried.
 * Failures reach the caller as {@link UpstreamException}s.
 */
export class UpstreamResilience {
  private readonly logger: Logger;
  private readonly bulkhead: BulkheadPolicy;
  private readonly families = new Map<string, FamilyBreaker>();
  private readonly perAttempt: IPolicy;
  private readonly retryReads: IPolicy;
  private rateLimitedUntil = 0;

  /**
   * @param system the upstream
   * @param options its settings
   * @param familyNames breaker families known in advance (reported even before their first call)
   */
  constructor(
    readonly system: UpstreamSystem,
    private readonly options: UpstreamPolicyOptions,
    familyNames: readonly string[] = ['default'],
  ) {
    this.logger = new Logger(`Upstream:${system}`);
    this.bulkhead = bulkhead(options.maxConcurrent, options.maxQueued);
    this.perAttempt = timeout(options.timeoutMs, TimeoutStrategy.Aggressive);
    this.retryReads = retry(handleWhen(isRetryable), {
      maxAttempts: Math.max(0, options.retryMaxAttempts - 1),
      backoff: new ExponentialBackoff({
        initialDelay: options.retryInitialDelayMs,
        maxDelay: options.retryMaxDelayMs,
      }),
    });
    for (const name of familyNames) this.family(name);
  }

  /**
   * Runs one call under the policies of `family`.
   * @param family breaker family (created on first use)
   * @param mode `read` (idempotent: retried) or `write` (never retried: the upstream may have applied it)
   * @param action what is called, for messages (e.g. `WHMCS GetInvoices`)
   * @param fn the call; it must stop when `signal` fires (the attempt timed out)
   * @throws UpstreamException `timeout`, `unreachable` (also while the breaker is open or the bulkhead is full),
   *   or whatever {@link UpstreamException} `fn` threw
   */
  async execute<T>(
    family: string,
    mode: 'read' | 'write',
    action: string,
    fn: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const onCall = this.options.onCall;
    if (onCall === undefined) return this.run(family, mode, action, fn);
    const started = performance.now();
    const name = action.replace(/^(WHMCS|Salesforce) /, '');
    try {
      const result = await this.run(family, mode, action, fn);
      onCall(name, (performance.now() - started) / 1000, null);
      return result;
    } catch (err) {
      onCall(
        name,
        (performance.now() - started) / 1000,
        err instanceof UpstreamException ? failureKind(err) : 'unreachable',
      );
      throw err;
    }
  }

  /** Calls under way and waiting for a slot in the bulkhead. */
  bulkheadLoad(): { active: number; queued: number } {
    return {
      active: this.options.maxConcurrent - this.bulkhead.executionSlots,
      queued: this.options.maxQueued - this.bulkhead.queueSlots,
    };
  }

  private async run<T>(
    family: string,
    mode: 'read' | 'write',
    action: string,
    fn: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> {
    const breaker = this.family(family);
    const waitMs = this.rateLimitedUntil - Date.now();
    if (waitMs > 0) {
      throw new UpstreamException(
        this.system,
        'unreachable',
        `${action}: rate limited by the upstream, retry in ${waitMs} ms`,
        {
          retryAfterMs: waitMs,
          rateLimited: true,
          shortCircuited: true,
        },
      );
    }
    const attempt = wrap(breaker.policy, this.perAttempt, this.bulkhead);
    const policy = mode === 'read' ? wrap(this.retryReads, attempt) : attempt;
    try {
      return await policy.execute(({ signal }) => fn(signal));
    } catch (err) {
      if (err instanceof UpstreamException && err.rateLimited && !err.shortCircuited) {
        const holdMs = err.retryAfterMs ?? this.options.rateLimitDefaultMs;
        this.rateLimitedUntil = Math.max(this.rateLimitedUntil, Date.now() + holdMs);
      }
      if (err instanceof BrokenCircuitError || err instanceof IsolatedCircuitError)
        throw breaker.shortCircuit(action);
      if (err instanceof BulkheadRejectedError) {
        throw new UpstreamException(
          this.system,
          'unreachable',
          `${action}: too many calls under way (bulkhead full)`,
          {
            shortCircuited: true,
          },
        );
      }
      throw toUpstreamException(this.system, err, action);
    }
  }

  /** The upstream's state (most restrictive breaker, a rate limit in force counting as open) and each breaker. */
  snapshot(now = Date.now()): UpstreamSnapshot {
    const families: Record<string, BreakerSnapshot> = {};
    let worst: UpstreamStatus = { breaker: 'closed', openReason: null, retryAt: null };
    for (const [name, family] of this.families) {
      const snap = family.snapshot(now);
      families[name] = snap;
      if (STATE_RANK[snap.breaker] > STATE_RANK[worst.breaker]) worst = snap;
    }
    if (this.rateLimitedUntil > now) {
      const retryAt = new Date(this.rateLimitedUntil).toISOString();
      if (worst.breaker !== 'open' || (worst.retryAt !== null && worst.retryAt < retryAt)) {
        worst = { breaker: 'open', openReason: 'rate_limited', retryAt };
      }
    }
    return { breaker: worst.breaker, openReason: worst.openReason, retryAt: worst.retryAt, families };
  }

  private family(name: string): FamilyBreaker {
    let family = this.families.get(name);
    if (!family) {
      family = new FamilyBreaker(name, this.options, this.system, this.logger);
      this.families.set(name, family);
    }
    return family;
  }
}

/** Maps a cockatiel timeout to an {@link UpstreamException}; passes {@link UpstreamException}s through. */
export function toUpstreamException(system: UpstreamSystem, err: unknown, action: string): UpstreamException {
  if (err instanceof UpstreamException) return err;
  if (err instanceof TaskCancelledError) {
    return new UpstreamException(system, 'timeout', `${action}: no answer within the timeout`, {
      cause: err,
    });
  }
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new UpstreamException(system, 'unreachable', `${action}: ${message}`, { cause: err });
}

/**
 * The {@link UpstreamException} (see {@link toUpstreamException}) for a failed call to `system`, logged with
 * `fields`, the failure kind, its reason and the call's duration (`ms` since `startedMs`): at debug level when the
 * breaker kept the call from the upstream (the opening itself was logged), at warn level otherwise.
 */
export function loggedUpstreamFailure(
  logger: Pick<Logger, 'debug' | 'warn'>,
  system: UpstreamSystem,
  err: unknown,
  action: string,
  fields: Record<string, unknown>,
  startedMs: number,
): UpstreamException {
  const failure = toUpstreamException(system, err, action);
  const entry = { ...fields, kind: failure.kind, ms: Date.now() - startedMs, reason: failure.reason };
  if (failure.shortCircuited) logger.debug(entry, `${system} call not made`);
  else logger.warn(entry, `${system} call failed`);
  return failure;
}
