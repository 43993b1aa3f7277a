import type { UpstreamName, UpstreamStatus, UpstreamsStatus } from '@portico/domain';

/** One circuit breaker of an upstream (one family of calls, e.g. WHMCS billing reads). */
export interface UpstreamBreakerHealth extends UpstreamStatus {
  /** Consecutive failures counted so far while closed. */
  readonly consecutiveFailures: number;
}

/** State of an upstream: the most restrictive of its breakers, plus each breaker by call family. */
export interface UpstreamHealthSnapshot extends UpstreamStatus {
  readonly families: Readonly<Record<string, UpstreamBreakerHealth>>;
}

/**
 * Port: how the upstreams (WHMCS, Salesforce) fare in this BFF instance, as their circuit breakers see them. Read by
 * readiness, the status document and the dashboards' health panel; provided by the integrations' resilience
 * registry, so those rooms never reach into it.
 */
export abstract class UpstreamHealth {
  /** Each upstream with each of its breakers. @param now epoch ms (tests pass a fixed time) */
  abstract snapshot(now?: number): Record<UpstreamName, UpstreamHealthSnapshot>;

  /** Each upstream's most restrictive breaker, as in the status document. @param now epoch ms */
  abstract status(now?: number): UpstreamsStatus;
}
