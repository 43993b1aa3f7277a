import { collectDefaultMetrics, Counter, Registry } from 'prom-client';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';

/** Upstreams the sandbox simulates. */
export const upstreamSchema = z.enum(['whmcs', 'salesforce']);
export type Upstream = z.infer<typeof upstreamSchema>;

/**
 * `POST /__admin/faults` body.
 * - `action`: WHMCS action name (case-insensitive, e.g. `GetInvoices`) or Salesforce operation (`oauth`, `query`,
 *   `retrieve`, `create`, `update`, `upsert`, `versions`); absent = every call of that upstream.
 * - `drop_after_write` (Salesforce `upsert`): the write is kept and the connection dropped without an answer.
 * - `latencyMs`: delay for `latency` (default 1000 ms, max 60 000).
 * - `status`: HTTP status for `error` (default 500; WHMCS `200` answers `result: error` with HTTP 200).
 * - `probability`: chance (0..1, default 1) that a matching call is affected.
 * - `retryAfterS`: for `rate_limit`, the `Retry-After` header, seconds.
 */
export const faultInputSchema = z
  .object({
    upstream: upstreamSchema,
    action: z.string().trim().min(1).max(100).optional(),
    mode: z.enum(['latency', 'error', 'timeout', 'garbage', 'rate_limit', 'drop_after_write']),
    latencyMs: z.number().int().min(0).max(60_000).optional(),
    /** `rate_limit` only: the `Retry-After` answered, seconds (WHMCS default 30; Salesforce sends none by default). */
    retryAfterS: z.number().int().min(0).max(86_400).optional(),
    status: z.number().int().min(200).max(599).optional(),
    probability: z.number().min(0).max(1).optional(),
  })
  .strict();
export type FaultInput = z.infer<typeof faultInputSchema>;

/** An active fault. */
export interface Fault extends FaultInput {
  id: string;
  createdAt: string;
  /** Calls it has affected so far. */
  hits: number;
}

/** What a request should suffer: an added delay and at most one failure mode. */
export interface FaultPlan {
  delayMs: number;
  failure: Fault | null;
}

/** Longest time a `timeout` fault holds a request before dropping the connection (ms). */
export const TIMEOUT_CAP_MS = 60_000;

/** Calls received per upstream, by action (WHMCS) or operation (Salesforce; queries also by sObject). */
export interface CallCounts {
  /** When counting started (sandbox start or the last reset), ISO 8601. */
  since: string;
  whmcs: Record<string, number>;
  salesforce: Record<string, number>;
}

/**
 * Registry of injected faults, and counter of the calls received (to prove caching and single-flight): resettable
 * counts for the admin API, and the same calls as the Prometheus counter `sandbox_upstream_calls_total{upstream,action}`
 * (never reset) in {@link registry}, served at `GET /metrics`.
 */
export class FaultsService {
  private faults: Fault[] = [];
  private counts: CallCounts = { since: new Date().toISOString(), whmcs: {}, salesforce: {} };
  /** Prometheus registry of the sandbox (default process metrics and the call counter). */
  readonly registry = new Registry();
  private readonly callCounter: Counter<'upstream' | 'action'>;

  constructor(private readonly random: () => number = Math.random) {
    collectDefaultMetrics({ register: this.registry });
    this.callCounter = new Counter({
      name: 'sandbox_upstream_calls_total',
      help: 'Calls received by the simulated upstreams, by upstream and action (e.g. GetInvoices, query Case)',
      labelNames: ['upstream', 'action'],
      registers: [this.registry],
    });
  }

  add(input: FaultInput): Fault {
    const fault: Fault = { ...input, id: randomUUID(), createdAt: new Date().toISOString(), hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  remove(id: string): boolean {
    const before = this.faults.length;
    this.faults = this.faults.filter((f) => f.id !== id);
    return this.faults.length !== before;
  }

  clear(): void {
    this.faults = [];
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Counts one call of `upstream` under each of `names` (e.g. `query` and `query Case`). */
  count(upstream: Upstream, names: readonly string[]): void {
    const table = this.counts[upstream];
    for (const name of names) table[name] = (table[name] ?? 0) + 1;
    // One sample per call, under its most specific name (the last).
    const action = names[names.length - 1];
    if (action !== undefined) this.callCounter.inc({ upstream, action });
  }

  /** The calls counted since the start or the last {@link resetCalls}. */
  calls(): CallCounts {
    return {
      since: this.counts.since,
      whmcs: { ...this.counts.whmcs },
      salesforce: { ...this.counts.salesforce },
    };
  }

  /** Starts counting from zero. */
  resetCalls(): void {
    this.counts = { since: new Date().toISOString(), whmcs: {}, salesforce: {} };
  }

  /** Picks the faults that apply to one call: all matching latencies add up; the first matching failure wins. */
  plan(upstream: Upstream, action: string): FaultPlan {
    let delayMs = 0;
    let failure: Fault | null = null;
    for (const f of this.faults) {
      if (f.upstream !== upstream) continue;
      if (f.action !== undefined && f.action.toLowerCase() !== action.toLowerCase()) continue;
      if (this.random() >= (f.probability ?? 1)) continue;
      if (f.mode === 'latency') {
        f.hits += 1;
        delayMs += f.latencyMs ?? 1000;
      } else if (failure === null) {
        f.hits += 1;
        failure = f;
      }
    }
    return { delayMs: Math.min(delayMs, TIMEOUT_CAP_MS), failure };
  }
}
