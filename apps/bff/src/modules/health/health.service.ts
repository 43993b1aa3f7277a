import { Injectable } from '@nestjs/common';
import { BillingProvider } from '../billing/billing.provider';
import { CrmProvider } from '../support/crm.provider';
import { UpstreamException } from '../../integrations/upstream/upstream.exception';
import type { UpstreamSnapshot } from '../../integrations/upstream/upstream-policy';
import { UpstreamHealth } from '../../integrations/upstream/upstream-health.port';
import { HealthRepository } from './health.repository';

/** Longest a readiness check may take, ms. */
export const READINESS_CHECK_TIMEOUT_MS = 2000;

/**
 * Outcome of one dependency check: `ok`; `error` (failed: readiness fails); `degraded` (an upstream whose circuit
 * breaker is open or whose rate limit is in force: not called, and readiness does not fail for it, since the BFF
 * serves cached data meanwhile).
 */
export interface DependencyCheck {
  status: 'ok' | 'error' | 'degraded';
  /** Time the check took, ms. */
  latencyMs: number;
  /** Why it failed (safe to show: no secrets, no payloads). */
  error?: string;
}

/** `GET /health/ready` body. */
export interface Readiness {
  status: 'ok' | 'error';
  checks: { database: DependencyCheck; whmcs: DependencyCheck; salesforce: DependencyCheck };
  /** Circuit breaker state of each upstream in this instance, with each breaker family. */
  upstreams: { whmcs: UpstreamSnapshot; salesforce: UpstreamSnapshot };
}

class CheckTimeout extends Error {}

/**
 * Readiness of the BFF's dependencies: PostgreSQL (`SELECT 1`), WHMCS and Salesforce pings, in parallel, plus the
 * state of the upstream circuit breakers. An upstream whose breaker is open is reported `degraded` and does not
 * fail readiness (the BFF itself is ready and serves cached blocks); an upstream that fails its ping does.
 */
@Injectable()
export class HealthService {
  constructor(
    private readonly repository: HealthRepository,
    private readonly billing: BillingProvider,
    private readonly crm: CrmProvider,
    private readonly upstreams: UpstreamHealth,
  ) {}

  /** Runs every check, each cut at {@link READINESS_CHECK_TIMEOUT_MS}; `status` is ok only when all are. */
  async readiness(): Promise<Readiness> {
    const [database, whmcs, salesforce] = await Promise.all([
      this.check(() => this.repository.ping()),
      this.check(() => this.billing.ping()),
      this.check(() => this.crm.ping()),
    ]);
    const ok = [database, whmcs, salesforce].every((c) => c.status !== 'error');
    return {
      status: ok ? 'ok' : 'error',
      checks: { database, whmcs, salesforce },
      upstreams: this.upstreams.snapshot(),
    };
  }

  private async check(run: () => Promise<void>): Promise<DependencyCheck> {
    const started = performance.now();
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CheckTimeout()), READINESS_CHECK_TIMEOUT_MS);
    });
    try {
      await Promise.race([run(), deadline]);
      return { status: 'ok', latencyMs: Math.round(performance.now() - started) };
    } catch (err) {
      let error: string;
      if (err instanceof UpstreamException && err.shortCircuited) {
        const why = err.rateLimited ? 'rate limited' : 'circuit breaker open';
        return {
          status: 'degraded',
          latencyMs: Math.round(performance.now() - started),
          error: `${err.message} (${why})`,
        };
      }
      if (err instanceof CheckTimeout) error = `no answer within ${READINESS_CHECK_TIMEOUT_MS} ms`;
      else if (err instanceof UpstreamException) error = err.message;
      else error = 'check failed';
      return { status: 'error', latencyMs: Math.round(performance.now() - started), error };
    } finally {
      clearTimeout(timer);
    }
  }
}
