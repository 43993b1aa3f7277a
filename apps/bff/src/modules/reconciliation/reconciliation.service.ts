import { Inject, Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../core/clock/clock';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import type { Domain, Invoice, PaymentMethod, RealtimeEvent, StatusBlockName } from '@portico/domain';
import { EventBus } from '../../core/events/event-bus.port';
import { DbContext } from '../../core/prisma/db-context';
import { UpstreamException } from '../../integrations/upstream/upstream.exception';
import { BillingProvider } from '../billing/billing.provider';
import { StatusCacheService } from '../status-cache/status-cache.service';
import { BillingService } from '../billing/billing.service';
import { daysUntil, defaultCardWarning } from '../billing/billing-rules.mapper';
import { cardExpiringNotification, domainExpiringNotification } from '../notifications/notification-content';
import type { NewNotification } from '../notifications/notifications.repository';
import { NotificationsService } from '../notifications/notifications.service';
import { ReadCacheService } from '../read-cache/read-cache.service';
import { CrmProvider } from '../support/crm.provider';
import { alertKindFromStatus } from '../webhooks/webhook-events.mapper';
import { invoiceAlerts, stableEventId } from '../webhooks/webhook-processor.service';
import {
  caseFingerprints,
  commentFingerprints,
  diffFingerprints,
  domainFingerprints,
  hasChanges,
  invoiceFingerprints,
  KIND_BLOCKS,
  KIND_READS,
  paymentMethodFingerprints,
  snapshotDigest,
  subscriptionFingerprints,
  type Fingerprints,
  type SnapshotDiff,
  type SnapshotKind,
} from './reconciliation-diff.mapper';
import { ReconciliationRepository, type LinkedAccount } from './reconciliation.repository';

/** Job name of one reconciliation run. */
export const RECONCILIATION_JOB = 'reconciliation';

/** Most invoices and cases read per account and run (newest first): pages of 100. */
export const RECONCILIATION_PAGE_SIZE = 100;
export const RECONCILIATION_MAX_PAGES = 5;

/** What one run did. */
export interface ReconciliationReport {
  accounts: number;
  /** Account/kind pairs whose records changed since the last snapshot (events were emitted for them). */
  changes: Array<{ accountId: string; kind: SnapshotKind } & SnapshotDiff>;
  /** Account/kind pairs seen for the first time (snapshot stored, nothing emitted). */
  baselines: number;
  /** Account/kind pairs that could not be read (kept for the next run). */
  failures: Array<{ accountId: string; kind: SnapshotKind; reason: string }>;
}

/** Current records of one kind, as fingerprints, plus what billing alerts need. */
interface Reading {
  fingerprints: Fingerprints;
  invoices?: Map<string, Invoice>;
  /** Alerts the current state calls for whether or not it changed (expiry dates come closer every day). */
  alerts?: NewNotification[];
}

/**
 * Catches what webhooks missed: re-reads every linked account's invoices (WHMCS), services (WHMCS) and cases
 * (Salesforce), compares them with the fingerprints stored at the previous run, and for what changed emits what the
 * webhooks would have: invalidation of the touched dashboard blocks, `account_update` and, per invoice created or
 * changed, a `billing_alert` (kind from its current status). A kind seen for the first time only stores its
 * baseline. The snapshot is stored after the events are published, so a run that dies half-way repeats them next
 * time rather than losing them; event ids derive from the new snapshot, so a repeat is the same events.
 */
@Injectable()
export class ReconciliationService {
  private readonly logger = new Logger(ReconciliationService.name);

  constructor(
    private readonly repository: ReconciliationRepository,
    private readonly billing: BillingProvider,
    private readonly crm: CrmProvider,
    private readonly statusCache: StatusCacheService,
    private readonly readCache: ReadCacheService,
    private readonly notifications: NotificationsService,
    private readonly billingService: BillingService,
    private readonly events: EventBus,
    @Inject(ENV) private readonly env: Env,
    private readonly clock: Clock,
  ) {}

  /**
   * One reconciliation pass over every linked account (accounts one after the other, to spare the upstreams).
   * Upstream failures are reported per account and kind, never thrown.
   */
  runOnce(): Promise<ReconciliationReport> {
    return DbContext.runAsSystem('reconciliation', () => this.run());
  }

  private async run(): Promise<ReconciliationReport> {
    const accounts = await this.repository.linkedAccounts();
    const report: ReconciliationReport = {
      accounts: accounts.length,
      changes: [],
      baselines: 0,
      failures: [],
    };
    for (const account of accounts) await this.reconcileAccount(account, report);
    this.logger.log(
      {
        accounts: report.accounts,
        changes: report.changes.length,
        baselines: report.baselines,
        failures: report.failures.length,
      },
      'reconciliation finished',
    );
    return report;
  }

  private async reconcileAccount(account: LinkedAccount, report: ReconciliationReport): Promise<void> {
    const previous = await this.repository.snapshots(account.id);
    const kinds: Array<[SnapshotKind, () => Promise<Reading>]> = [];
    const clientId = account.whmcsClientId;
    const crmId = account.salesforceAccountId;
    if (clientId !== null) {
      kinds.push(['invoices', () => this.readInvoices(clientId)]);
      kinds.push([
        'subscriptions',
        async () => ({
          fingerprints: subscriptionFingerprints(await this.billing.listSubscriptions(clientId)),
        }),
      ]);
      kinds.push(['domains', () => this.readDomains(clientId)]);
      kinds.push(['payment_methods', () => this.readPaymentMethods(account.id, clientId)]);
    }
    if (crmId !== null) {
      kinds.push(['cases', () => this.readCases(crmId)]);
      kinds.push([
        'comments',
        async () => ({ fingerprints: commentFingerprints(await this.crm.commentStamps(crmId)) }),
      ]);
    }

    for (const [kind, read] of kinds) {
      let reading: Reading;
      try {
        reading = await read();
      } catch (err) {
        const reason =
          err instanceof UpstreamException ? err.reason : err instanceof Error ? err.message : String(err);
        report.failures.push({ accountId: account.id, kind, reason });
        this.logger.warn({ accountId: account.id, kind, reason }, 'reconciliation could not read upstream');
        continue;
      }
      for (const alert of reading.alerts ?? []) await this.notifications.notify(account.id, alert);
      const before = previous[kind];
      if (before === undefined) {
        await this.repository.save(account.id, kind, reading.fingerprints);
        report.baselines += 1;
        continue;
      }
      const diff = diffFingerprints(before, reading.fingerprints);
      if (!hasChanges(diff)) continue;
      await this.emit(account.id, kind, diff, reading);
      await this.repository.save(account.id, kind, reading.fingerprints);
      report.changes.push({ accountId: account.id, kind, ...diff });
      this.logger.log(
        {
          accountId: account.id,
          kind,
          added: diff.added.length,
          changed: diff.changed.length,
          removed: diff.removed.length,
        },
        'reconciliation found changes',
      );
    }
  }

  private async emit(
    accountId: string,
    kind: SnapshotKind,
    diff: SnapshotDiff,
    reading: Reading,
  ): Promise<void> {
    const blocks: StatusBlockName[] = KIND_BLOCKS[kind];
    const seed = `reconciliation:${accountId}:${kind}:${snapshotDigest(reading.fingerprints)}`;
    const occurredAt = this.clock.now().toISOString();
    const events: RealtimeEvent[] = [];
    if (kind === 'invoices' && reading.invoices) {
      for (const id of [...diff.added, ...diff.changed]) {
        const invoice = reading.invoices.get(id);
        if (!invoice) continue;
        const alert = diff.added.includes(id) ? 'invoice_created' : alertKindFromStatus(invoice.status);
        if (alert === null) continue;
        events.push({
          id: stableEventId(`${seed}:billing_alert:${id}`),
          type: 'billing_alert',
          accountId,
          occurredAt,
          payload: { kind: alert, invoiceId: id, status: invoice.status },
        });
      }
    }
    if (kind === 'cases' || kind === 'comments') {
      for (const caseId of [...diff.added, ...diff.changed]) {
        events.push({
          id: stableEventId(`${seed}:case_updated:${caseId}`),
          type: 'case_updated',
          accountId,
          occurredAt,
          payload: { caseId, reason: kind === 'comments' ? 'comment_added' : 'changed' },
        });
      }
    }
    if (blocks.length > 0) {
      events.push({
        id: stableEventId(`${seed}:account_update`),
        type: 'account_update',
        accountId,
        occurredAt,
        payload: { blocks, reason: `reconciliation:${kind}` },
      });
    }
    await this.statusCache.invalidate(accountId, blocks);
    await this.readCache.invalidate(accountId, KIND_READS[kind]);
    for (const event of events) await this.events.publish(event);
  }

  private async readInvoices(clientId: number): Promise<Reading> {
    const invoices = new Map<string, Invoice>();
    for (let page = 1; page <= RECONCILIATION_MAX_PAGES; page += 1) {
      const result = await this.billing.listInvoices(clientId, {
        status: 'all',
        page,
        pageSize: RECONCILIATION_PAGE_SIZE,
      });
      for (const invoice of result.items) invoices.set(invoice.id, invoice);
      if (page * RECONCILIATION_PAGE_SIZE >= result.page.total || result.items.length === 0) break;
    }
    return {
      fingerprints: invoiceFingerprints([...invoices.values()]),
      invoices,
      alerts: [...invoices.values()].flatMap((i) => invoiceAlerts(i)),
    };
  }

  /** Domains, and an alert for each active one expiring within `NOTIFY_EXPIRY_WITHIN_DAYS` days. */
  private async readDomains(clientId: number): Promise<Reading> {
    const domains: Domain[] = await this.billing.listDomains(clientId);
    const now = this.clock.now();
    const within = this.env.NOTIFY_EXPIRY_WITHIN_DAYS;
    const alerts = domains
      .filter(
        (d) =>
          d.status === 'active' &&
          d.expiresOn !== null &&
          daysUntil(d.expiresOn, now) >= 0 &&
          daysUntil(d.expiresOn, now) <= within,
      )
      .map((d) => domainExpiringNotification(d));
    return { fingerprints: domainFingerprints(domains), alerts };
  }

  /** Payment methods, and an alert when the default card expires before the next charge (within the notice days). */
  private async readPaymentMethods(accountId: string, clientId: number): Promise<Reading> {
    const methods: PaymentMethod[] = await this.billing.listPaymentMethods(clientId);
    const next = await this.billingService.nextCharge({ accountId }, clientId).catch(() => null);
    const warning = defaultCardWarning(methods, next);
    const card = warning === null ? undefined : methods.find((m) => m.id === warning.paymentMethodId);
    const soon =
      warning !== null &&
      daysUntil(warning.nextChargeOn, this.clock.now()) <= this.env.NOTIFY_EXPIRY_WITHIN_DAYS;
    return {
      fingerprints: paymentMethodFingerprints(methods),
      alerts: card && warning && soon ? [cardExpiringNotification(card, warning.nextChargeOn)] : [],
    };
  }

  private async readCases(crmAccountId: string): Promise<Reading> {
    const cases = [];
    for (let page = 1; page <= RECONCILIATION_MAX_PAGES; page += 1) {
      const result = await this.crm.listCases(crmAccountId, {
        state: 'all',
        page,
        pageSize: RECONCILIATION_PAGE_SIZE,
      });
      cases.push(...result.items);
      if (page * RECONCILIATION_PAGE_SIZE >= result.page.total || result.items.length === 0) break;
    }
    return { fingerprints: caseFingerprints(cases) };
  }
}
