import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Outcome of one read of a stale-while-revalidate cache. */
export type CacheReadOutcome = 'hit' | 'stale' | 'miss';

/** Breaker states as gauge values: 0 closed, 1 half-open, 2 open. */
export const BREAKER_STATE_VALUE = { closed: 0, half_open: 1, open: 2 } as const;

/** One upstream breaker family's state and bulkhead, as read at scrape time. */
export interface UpstreamGaugeReading {
  provider: string;
  family: string;
  breaker: keyof typeof BREAKER_STATE_VALUE;
}

/** Webhook deliveries waiting for processing, as read at scrape time. */
export interface WebhookQueueReading {
  /** Deliveries recorded and not finished (`received` or `failed`, awaiting a retry). */
  depth: number;
  /** Age of the oldest of them, seconds (0 when none). */
  oldestAgeSeconds: number;
}

type Reader<T> = () => T | Promise<T>;

/** Breaker states and bulkheads of every upstream, read at scrape time. */
export interface UpstreamReading {
  breakers: UpstreamGaugeReading[];
  bulkheads: Array<{ provider: string; queued: number; active: number }>;
}

/**
 * A gauge set at scrape time from `read` (null: nothing to report): one sample per returned `[labels, value]`.
 */
function readerGauge<L extends string>(
  registry: Registry,
  name: string,
  help: string,
  labelNames: readonly L[],
  read: () => Promise<Array<[Partial<Record<L, string>>, number]> | null>,
): void {
  new Gauge<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    collect: async function (this: Gauge<L>) {
      const samples = await read();
      if (samples === null) return;
      this.reset();
      for (const [labels, value] of samples) this.set(labels, value);
    },
  });
}

/** Buckets of request and call durations, seconds (5 ms .. 10 s). */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Portico's Prometheus metrics (prom-client) in one registry per application instance, with Node's default process
 * metrics (CPU, memory, heap, handles, GC, event-loop delay `nodejs_eventloop_lag_*`). Code records through the
 * methods below; the values that are read when scraped (breaker states, bulkhead queues, the webhook queue, open
 * sockets) come from readers the owning modules register. Served at `GET /metrics` (see `metrics.route.ts`).
 *
 * Series (all `portico_` prefixed):
 * - `http_request_duration_seconds{route,method,status}` histogram, `route` the route template (`unmatched` else);
 * - `upstream_call_duration_seconds{provider,action,outcome}` histogram; `upstream_call_errors_total{provider,action,kind}`
 *   (`timeout`, `unreachable`, `rejected`, `breaker_open`, `bulkhead_full`, `rate_limited`);
 *   `upstream_breaker_state{provider,family}` (0 closed, 1 half-open, 2 open); `upstream_bulkhead_queued{provider}`
 *   and `upstream_bulkhead_active{provider}`;
 * - `cache_reads_total{cache,block,result}` (`hit` fresh, `stale` served stale, `miss` loaded);
 * - `webhook_deliveries_total{provider,status}` (`received`, `duplicate`, `refused`, `processed`, `ignored`, `failed`,
 *   `dead_lettered`); `webhook_queue_depth`; `webhook_queue_oldest_age_seconds`;
 * - `reconciliation_runs_total{outcome}`, `reconciliation_run_duration_seconds`, `reconciliation_diffs_total{kind,change}`;
 * - `usage_samples_ingested_total{source}`: usage samples accepted by the usage store (call
 *   {@link MetricsService.usageSamplesIngested} once per accepted batch);
 * - `realtime_sockets_connected`: sockets open on this instance.
 */
export class MetricsService {
  /** The registry `GET /metrics` serialises. */
  readonly registry = new Registry();
  private readonly httpDuration: Histogram<'route' | 'method' | 'status'>;
  private readonly upstreamDuration: Histogram<'provider' | 'action' | 'outcome'>;
  private readonly upstreamErrors: Counter<'provider' | 'action' | 'kind'>;
  private readonly cacheReads: Counter<'cache' | 'block' | 'result'>;
  private readonly webhookDeliveries: Counter<'provider' | 'status'>;
  private readonly reconciliationRuns: Counter<'outcome'>;
  private readonly reconciliationDuration: Histogram;
  private readonly reconciliationDiffs: Counter<'kind' | 'change'>;
  private readonly usageSamples: Counter<'source'>;
  private upstreamReader: Reader<UpstreamReading> | null = null;
  private webhookQueueReader: Reader<WebhookQueueReading> | null = null;
  private socketReader: Reader<number> | null = null;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.httpDuration = new Histogram({
      name: 'portico_http_request_duration_seconds',
      help: 'HTTP requests by route template, method and status: time to the response, seconds',
      labelNames: ['route', 'method', 'status'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.upstreamDuration = new Histogram({
      name: 'portico_upstream_call_duration_seconds',
      help: 'Calls to an upstream (WHMCS, Salesforce) by action and outcome (ok, error), retries included, seconds',
      labelNames: ['provider', 'action', 'outcome'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.upstreamErrors = new Counter({
      name: 'portico_upstream_call_errors_total',
      help: 'Failed upstream calls by kind (timeout, unreachable, rejected, rate_limited, breaker_open, bulkhead_full)',
      labelNames: ['provider', 'action', 'kind'],
      registers,
    });
    const reading = async (): Promise<UpstreamReading | null> =>
      this.upstreamReader ? await this.upstreamReader() : null;
    readerGauge(
      this.registry,
      'portico_upstream_breaker_state',
      'Circuit breaker state per upstream and action family: 0 closed, 1 half-open, 2 open',
      ['provider', 'family'],
      async () =>
        (await reading())?.breakers.map((b) => [
          { provider: b.provider, family: b.family },
          BREAKER_STATE_VALUE[b.breaker],
        ]) ?? null,
    );
    readerGauge(
      this.registry,
      'portico_upstream_bulkhead_queued',
      'Upstream calls waiting for a bulkhead slot in this instance',
      ['provider'],
      async () => (await reading())?.bulkheads.map((b) => [{ provider: b.provider }, b.queued]) ?? null,
    );
    readerGauge(
      this.registry,
      'portico_upstream_bulkhead_active',
      'Upstream calls under way in this instance',
      ['provider'],
      async () => (await reading())?.bulkheads.map((b) => [{ provider: b.provider }, b.active]) ?? null,
    );
    this.cacheReads = new Counter({
      name: 'portico_cache_reads_total',
      help: 'Reads of a stale-while-revalidate cache by cache, block and result (hit: fresh, stale: served stale, miss: loaded)',
      labelNames: ['cache', 'block', 'result'],
      registers,
    });
    this.webhookDeliveries = new Counter({
      name: 'portico_webhook_deliveries_total',
      help: 'Webhook deliveries by provider and status (received, duplicate, refused at intake; processed, ignored, failed, dead_lettered by the worker)',
      labelNames: ['provider', 'status'],
      registers,
    });
    const queue = async (): Promise<WebhookQueueReading | null> =>
      this.webhookQueueReader ? await this.webhookQueueReader() : null;
    readerGauge(
      this.registry,
      'portico_webhook_queue_depth',
      'Webhook deliveries recorded and not yet finished (received, or failed and waiting for a retry)',
      [],
      async () => {
        const q = await queue();
        return q ? [[{}, q.depth]] : null;
      },
    );
    readerGauge(
      this.registry,
      'portico_webhook_queue_oldest_age_seconds',
      'Age of the oldest unfinished webhook delivery, seconds (0 when none)',
      [],
      async () => {
        const q = await queue();
        return q ? [[{}, q.oldestAgeSeconds]] : null;
      },
    );
    this.reconciliationRuns = new Counter({
      name: 'portico_reconciliation_runs_total',
      help: 'Reconciliation runs by outcome (ok; partial: some account could not be read; failed)',
      labelNames: ['outcome'],
      registers,
    });
    this.reconciliationDuration = new Histogram({
      name: 'portico_reconciliation_run_duration_seconds',
      help: 'Duration of one reconciliation run, seconds',
      buckets: [0.1, 0.5, 1, 5, 15, 60, 300],
      registers,
    });
    this.reconciliationDiffs = new Counter({
      name: 'portico_reconciliation_diffs_total',
      help: 'Records found changed by reconciliation (missed by webhooks), by kind (invoices, subscriptions, cases) and change (added, changed, removed)',
      labelNames: ['kind', 'change'],
      registers,
    });
    this.usageSamples = new Counter({
      name: 'portico_usage_samples_ingested_total',
      help: 'Usage samples accepted by the usage store, by source (api, whmcs_sync, ...)',
      labelNames: ['source'],
      registers,
    });
    const sockets = async (): Promise<number | null> =>
      this.socketReader ? await this.socketReader() : null;
    readerGauge(
      this.registry,
      'portico_realtime_sockets_connected',
      'socket.io connections open on this instance',
      [],
      async () => [[{}, (await sockets()) ?? 0]],
    );
  }

  /** Records one HTTP request. @param seconds time to the response */
  httpRequest(route: string, method: string, status: number, seconds: number): void {
    this.httpDuration.observe({ route, method, status: String(status) }, seconds);
  }

  /**
   * Records one upstream call (retries included).
   * @param errorKind null for a success, else the failure kind (see the class)
   */
  upstreamCall(provider: string, action: string, seconds: number, errorKind: string | null): void {
    this.upstreamDuration.observe(
      { provider, action, outcome: errorKind === null ? 'ok' : 'error' },
      seconds,
    );
    if (errorKind !== null) this.upstreamErrors.inc({ provider, action, kind: errorKind });
  }

  /** Records one cache read. */
  cacheRead(cache: string, block: string, result: CacheReadOutcome): void {
    this.cacheReads.inc({ cache, block, result });
  }

  /** Counts webhook deliveries reaching `status`. */
  webhookDelivery(provider: string, status: string, count = 1): void {
    if (count > 0) this.webhookDeliveries.inc({ provider, status }, count);
  }

  /** Records one reconciliation run and the changes it found. */
  reconciliationRun(
    outcome: 'ok' | 'partial' | 'failed',
    seconds: number,
    diffs: Array<{ kind: string; added: number; changed: number; removed: number }> = [],
  ): void {
    this.reconciliationRuns.inc({ outcome });
    this.reconciliationDuration.observe(seconds);
    for (const d of diffs) {
      if (d.added > 0) this.reconciliationDiffs.inc({ kind: d.kind, change: 'added' }, d.added);
      if (d.changed > 0) this.reconciliationDiffs.inc({ kind: d.kind, change: 'changed' }, d.changed);
      if (d.removed > 0) this.reconciliationDiffs.inc({ kind: d.kind, change: 'removed' }, d.removed);
    }
  }

  /**
   * Counts usage samples accepted by the usage store (`portico_usage_samples_ingested_total`).
   * @param count samples accepted (duplicates and refused samples excluded)
   * @param source where they came from, a short constant (`api`, `whmcs_sync`)
   */
  usageSamplesIngested(count: number, source: string): void {
    if (count > 0) this.usageSamples.inc({ source }, count);
  }

  /** Registers the reader of breaker states and bulkhead queues (the upstream registry). */
  readUpstreamsWith(reader: Reader<UpstreamReading>): void {
    this.upstreamReader = reader;
  }

  /** Registers the reader of the webhook queue (the webhooks module). */
  readWebhookQueueWith(reader: Reader<WebhookQueueReading>): void {
    this.webhookQueueReader = reader;
  }

  /** Registers the reader of the open socket count (the realtime gateway). */
  readSocketsWith(reader: Reader<number>): void {
    this.socketReader = reader;
  }

  /** The registry in Prometheus' text format. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
