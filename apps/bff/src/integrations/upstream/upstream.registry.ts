import { Inject, Injectable, Optional } from '@nestjs/common';
import type { UpstreamsStatus } from '@portico/domain';
import type { UpstreamHealth } from './upstream-health.port';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { MetricsService } from '../../core/metrics/metrics.service';
import { UpstreamResilience, type UpstreamPolicyOptions, type UpstreamSnapshot } from './upstream-policy';
import type { UpstreamSystem } from './upstream.exception';

/**
 * WHMCS breaker families: client details (`GetClientsDetails`, needed for the profile and every amount's currency),
 * billing reads (invoices, products) and writes; one failing family does not stop the others.
 */
export const WHMCS_FAMILIES = ['client', 'billing', 'write'] as const;
/** Salesforce breaker families: one for the REST API (queries, token, writes). */
export const SALESFORCE_FAMILIES = ['api'] as const;

/** The WHMCS breaker family of an action. */
export function whmcsFamily(action: string, write: boolean): (typeof WHMCS_FAMILIES)[number] {
  if (write) return 'write';
  return action.toLowerCase() === 'getclientsdetails' ? 'client' : 'billing';
}

/** Builds the options of one upstream from the environment (calls recorded in `metrics` when given). */
export function upstreamPolicyOptions(
  env: Env,
  system: UpstreamSystem,
  metrics?: MetricsService,
): UpstreamPolicyOptions {
  return {
    ...(metrics
      ? {
          onCall: (action: string, seconds: number, errorKind: string | null) =>
            metrics.upstreamCall(system, action, seconds, errorKind),
        }
      : {}),
    timeoutMs: system === 'whmcs' ? env.WHMCS_TIMEOUT_MS : env.SALESFORCE_TIMEOUT_MS,
    retryMaxAttempts: env.UPSTREAM_RETRY_MAX_ATTEMPTS,
    retryInitialDelayMs: env.UPSTREAM_RETRY_INITIAL_DELAY_MS,
    retryMaxDelayMs: env.UPSTREAM_RETRY_MAX_DELAY_MS,
    breakerThreshold: env.UPSTREAM_BREAKER_THRESHOLD,
    breakerHalfOpenAfterMs: env.UPSTREAM_BREAKER_HALF_OPEN_MS,
    rateLimitDefaultMs: env.UPSTREAM_RATE_LIMIT_DEFAULT_MS,
    maxConcurrent: system === 'whmcs' ? env.WHMCS_MAX_CONCURRENT : env.SALESFORCE_MAX_CONCURRENT,
    maxQueued: env.UPSTREAM_MAX_QUEUED,
  };
}

/**
 * The resilience policies of every upstream in this BFF instance (one {@link UpstreamResilience} each), shared by
 * the clients that call them and read by health and the status document.
 */
@Injectable()
export class UpstreamRegistry implements UpstreamHealth {
  readonly whmcs: UpstreamResilience;
  readonly salesforce: UpstreamResilience;

  constructor(@Inject(ENV) env: Env, @Optional() metrics?: MetricsService) {
    this.whmcs = new UpstreamResilience(
      'whmcs',
      upstreamPolicyOptions(env, 'whmcs', metrics),
      WHMCS_FAMILIES,
    );
    this.salesforce = new UpstreamResilience(
      'salesforce',
      upstreamPolicyOptions(env, 'salesforce', metrics),
      SALESFORCE_FAMILIES,
    );
    metrics?.readUpstreamsWith(() => {
      const snapshot = this.snapshot();
      const upstreams = [this.whmcs, this.salesforce];
      return {
        breakers: upstreams.flatMap((u) =>
          Object.entries(snapshot[u.system].families).map(([family, state]) => ({
            provider: u.system,
            family,
            breaker: state.breaker,
          })),
        ),
        bulkheads: upstreams.map((u) => ({ provider: u.system, ...u.bulkheadLoad() })),
      };
    });
  }

  /** Breaker state of each upstream, with each family. */
  snapshot(now = Date.now()): Record<UpstreamSystem, UpstreamSnapshot> {
    return { whmcs: this.whmcs.snapshot(now), salesforce: this.salesforce.snapshot(now) };
  }

  /** Breaker state of each upstream as in the status document (without the families). */
  status(now = Date.now()): UpstreamsStatus {
    const strip = ({ breaker, openReason, retryAt }: UpstreamSnapshot) => ({ breaker, openReason, retryAt });
    return { whmcs: strip(this.whmcs.snapshot(now)), salesforce: strip(this.salesforce.snapshot(now)) };
  }
}
