import {
  ConstantBackoff,
  TaskCancelledError,
  TimeoutStrategy,
  handleWhen,
  retry,
  timeout,
  wrap,
  type IPolicy,
} from 'cockatiel';
import { UpstreamException, type UpstreamSystem } from './upstream.exception';

/** Resilience policies of one upstream: each attempt is cut at `timeoutMs`; reads retry once on fast failures. */
export interface UpstreamPolicies {
  /** For idempotent reads: per-attempt timeout, one retry after 100 ms when the upstream was `unreachable`. */
  readonly read: IPolicy;
  /** For writes: per-attempt timeout only (never retried: the upstream may have applied the first attempt). */
  readonly write: IPolicy;
}

/**
 * Builds the policies of one upstream (cockatiel). The function run by `execute` receives an `AbortSignal` that
 * fires at the timeout; a timed-out call rejects with cockatiel's `TaskCancelledError`, which
 * {@link toUpstreamException} turns into a `timeout` failure.
 * @param timeoutMs per-attempt timeout, ms
 */
export function createUpstreamPolicies(timeoutMs: number): UpstreamPolicies {
  const perAttempt = timeout(timeoutMs, TimeoutStrategy.Aggressive);
  const retryUnreachable = retry(
    handleWhen((err) => err instanceof UpstreamException && err.kind === 'unreachable'),
    { maxAttempts: 1, backoff: new ConstantBackoff(100) },
  );
  return { read: wrap(retryUnreachable, perAttempt), write: perAttempt };
}

/** Maps a cockatiel timeout to an {@link UpstreamException}; passes {@link UpstreamException}s through. */
export function toUpstreamException(system: UpstreamSystem, err: unknown, action: string): UpstreamException {
  if (err instanceof UpstreamException) return err;
  if (err instanceof TaskCancelledError) {
    return new UpstreamException(system, 'timeout', `${action}: no answer within the timeout`, { cause: err });
  }
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new UpstreamException(system, 'unreachable', `${action}: ${message}`, { cause: err });
}
