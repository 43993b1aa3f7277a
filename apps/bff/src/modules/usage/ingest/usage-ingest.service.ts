import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  MAX_USAGE_BATCH,
  USAGE_MAX_FUTURE_MS,
  usageSampleInputSchema,
  type UsageIngestResult,
  type UsageRejection,
  type UsageRejectReason,
} from '@portico/domain';
import { ENV } from '../../../core/config/config.module';
import type { Env } from '../../../core/config/env';
import { MetricsService } from '../../../core/metrics/metrics.service';
import { DbContext } from '../../../core/prisma/db-context';
import { UsageAlertsService } from '../alerts/usage-alerts.service';
import type { ApiKeyPrincipal } from '../api-keys/api-key.repository';
import { MetricCatalogService } from '../catalog/metric-catalog';
import { UsageEventsService } from '../usage-events.service';
import { UsageServicesService } from '../usage-services.service';
import { UsageStore, type StoredSample } from '../usage-store.port';
import { UsageRepository } from '../usage.repository';

const DAY_MS = 86_400_000;

/** What one batch did, for metrics (counts and the time the store took). */
export interface IngestObservation {
  accepted: number;
  duplicate: number;
  rejected: number;
  /** Rejections by reason. */
  reasons: Partial<Record<UsageRejectReason, number>>;
  /** Time spent in the store (the append transaction), ms. */
  storeMs: number;
}

/**
 * Where ingestion reports each batch: the place for counters (accepted, duplicate, rejected by reason, store
 * time), e.g. Prometheus counters. The default does nothing; a metrics module provides its own implementation.
 */
export abstract class UsageIngestObserver {
  abstract observe(observation: IngestObservation): void;
}

/** {@link UsageIngestObserver} that records nothing (unit tests). */
export class NoopUsageIngestObserver extends UsageIngestObserver {
  observe(): void {}
}

/** {@link UsageIngestObserver} that counts accepted samples in `portico_usage_samples_ingested_total{source="api"}`. */
@Injectable()
export class MetricsUsageIngestObserver extends UsageIngestObserver {
  constructor(private readonly metrics: MetricsService) {
    super();
  }

  observe(observation: IngestObservation): void {
    this.metrics.usageSamplesIngested(observation.accepted, 'api');
  }
}

/** A sample that passed the per-sample checks, with its position in the batch. */
interface Candidate {
  index: number;
  sample: StoredSample;
}

/**
 * `POST /api/v1/usage/samples`: checks each sample of a batch against the catalog, the key's account, the
 * account's services and the time window, records the good ones idempotently (their rollups updated in the same
 * transaction), and answers what happened to each. Then, without holding the answer: `usage_changed` (debounced)
 * and an alert evaluation of each account touched.
 */
@Injectable()
export class UsageIngestService {
  private readonly logger = new Logger(UsageIngestService.name);

  constructor(
    private readonly catalog: MetricCatalogService,
    private readonly store: UsageStore,
    private readonly repository: UsageRepository,
    private readonly services: UsageServicesService,
    private readonly events: UsageEventsService,
    private readonly alerts: UsageAlertsService,
    private readonly observer: UsageIngestObserver,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /**
   * Ingests `items` (already split from JSON or NDJSON; an `Error` item is a line that was not JSON) for `key`.
   * Durable before it resolves: what it counts as accepted is committed.
   */
  async ingest(
    key: ApiKeyPrincipal,
    items: readonly unknown[],
    now: Date = new Date(),
  ): Promise<UsageIngestResult> {
    const errors: UsageRejection[] = [];
    const reject = (index: number, reason: UsageRejectReason, message: string) =>
      errors.push({ index, reason, message });
    const candidates: Candidate[] = [];
    const minAt = now.getTime() - this.env.USAGE_RETENTION_RAW_DAYS * DAY_MS;
    const maxAt = now.getTime() + USAGE_MAX_FUTURE_MS;

    items.forEach((item, index) => {
      if (index >= MAX_USAGE_BATCH) {
        reject(index, 'batch_too_large', `A batch holds at most ${MAX_USAGE_BATCH} samples`);
        return;
      }
      if (item instanceof Error) {
        reject(index, 'malformed', item.message);
        return;
      }
      const parsed = usageSampleInputSchema.safeParse(item);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        reject(
          index,
          'malformed',
          issue ? `${issue.path.join('.') || 'sample'}: ${issue.message}` : 'not a sample',
        );
        return;
      }
      const s = parsed.data;
      let accountId: string;
      if (key.accountId !== null) {
        if (s.account !== undefined && s.account !== key.accountId) {
          reject(index, 'account_forbidden', 'This key may only send samples of its own account');
          return;
        }
        accountId = key.accountId;
      } else {
        if (s.account === undefined) {
          reject(index, 'unknown_account', 'A platform-wide key must name the account of each sample');
          return;
        }
        accountId = s.account.toLowerCase();
      }
      const metric = this.catalog.find(s.metric);
      if (!metric) {
        reject(index, 'unknown_metric', `Unknown metric ${JSON.stringify(s.metric)}`);
        return;
      }
      if (!metric.ingest) {
        reject(index, 'metric_not_ingestible', `${metric.key} is recorded from the billing system only`);
        return;
      }
      const service = s.service === undefined ? null : String(s.service);
      if (metric.perService && service === null) {
        reject(index, 'service_required', `${metric.key} is measured per service: name the service`);
        return;
      }
      if (!metric.perService && service !== null) {
        reject(index, 'service_not_applicable', `${metric.key} is measured per account: leave service out`);
        return;
      }
      if (!Number.isFinite(s.value) || s.value < 0) {
        reject(index, 'invalid_value', `value must be a finite number, not negative (${metric.kind})`);
        return;
      }
      const at = Date.parse(s.at);
      if (at > maxAt) {
        reject(index, 'future_timestamp', 'at is more than 5 minutes in the future');
        return;
      }
      if (at < minAt) {
        reject(
          index,
          'too_old',
          `at is older than the raw retention (${this.env.USAGE_RETENTION_RAW_DAYS} days)`,
        );
        return;
      }
      candidates.push({
        index,
        sample: {
          accountId,
          metric: metric.key,
          service,
          at: new Date(at),
          value: s.value,
          sampleId: s.id ?? null,
        },
      });
    });

    const byAccount = await this.checkAccountsAndServices(key, candidates, reject);
    let accepted = 0;
    let duplicate = 0;
    const started = performance.now();
    for (const [accountId, list] of byAccount) {
      // Client-given ids repeated within the batch: the first counts, the rest are duplicates.
      const seen = new Set<string>();
      const unique: StoredSample[] = [];
      for (const c of list) {
        if (c.sample.sampleId !== null) {
          if (seen.has(c.sample.sampleId)) {
            duplicate += 1;
            continue;
          }
          seen.add(c.sample.sampleId);
        }
        unique.push(c.sample);
      }
      const result = await DbContext.runWithAccount(accountId, () => this.store.append(unique));
      accepted += result.inserted;
      duplicate += unique.length - result.inserted;
      if (result.inserted > 0) {
        this.events.changed(accountId, new Set(result.touched.map((t) => t.metric)));
        this.alerts.scheduleEvaluation(accountId);
      }
    }
    const storeMs = performance.now() - started;
    errors.sort((a, b) => a.index - b.index);
    const reasons: IngestObservation['reasons'] = {};
    for (const e of errors) reasons[e.reason] = (reasons[e.reason] ?? 0) + 1;
    this.observer.observe({ accepted, duplicate, rejected: errors.length, reasons, storeMs });
    return { accepted, duplicate, rejected: errors.length, errors };
  }

  /**
   * Drops candidates of unknown accounts (platform keys) and of services the account does not have (re-reading the
   * account's services from WHMCS once when one is missing); groups the rest by account.
   */
  private async checkAccountsAndServices(
    key: ApiKeyPrincipal,
    candidates: readonly Candidate[],
    reject: (index: number, reason: UsageRejectReason, message: string) => void,
  ): Promise<Map<string, Candidate[]>> {
    const byAccount = new Map<string, Candidate[]>();
    for (const c of candidates) {
      const list = byAccount.get(c.sample.accountId) ?? [];
      list.push(c);
      byAccount.set(c.sample.accountId, list);
    }
    if (key.accountId === null) {
      const existing = await DbContext.runAsSystem('usage-ingest', () =>
        this.repository.existingAccounts([...byAccount.keys()]),
      );
      for (const [accountId, list] of byAccount) {
        if (existing.has(accountId)) continue;
        for (const c of list) reject(c.index, 'unknown_account', 'No such account');
        byAccount.delete(accountId);
      }
    }
    for (const [accountId, list] of byAccount) {
      if (!list.some((c) => c.sample.service !== null)) continue;
      const known = await DbContext.runWithAccount(accountId, async () => {
        let services = new Set((await this.services.list(accountId)).map((s) => s.service));
        if (list.some((c) => c.sample.service !== null && !services.has(c.sample.service))) {
          const refreshed = await this.services.refresh(accountId);
          if (refreshed) services = new Set(refreshed.map((s) => s.service));
        }
        return services;
      });
      const kept = list.filter((c) => {
        if (c.sample.service === null || known.has(c.sample.service)) return true;
        reject(
          c.index,
          'unknown_service',
          `Service ${JSON.stringify(c.sample.service)} is not one of the account's`,
        );
        return false;
      });
      if (kept.length === 0) byAccount.delete(accountId);
      else byAccount.set(accountId, kept);
    }
    return byAccount;
  }
}
