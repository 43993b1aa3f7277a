import { Inject, Injectable, Logger, Optional, type OnModuleDestroy } from '@nestjs/common';
import {
  nextAlertState,
  roleHasPermission,
  roleSchema,
  type Locale,
  type CreateUsageAlertRule,
  type UpdateUsageAlertRule,
  type UsageAlertRule,
  type UsageAlertsView,
} from '@portico/domain';
import { randomUUID } from 'node:crypto';
import { ENV } from '../../../core/config/config.module';
import type { Env } from '../../../core/config/env';
import { AppException } from '../../../core/http/app.exception';
import { MailPort } from '../../../core/mail/mail.port';
import { DbContext } from '../../../core/prisma/db-context';
import type { RequestAuditContext } from '../../audit/audit-context';
import { AuditService } from '../../audit/audit.service';
import { notificationOf } from '../../notifications/notification-content';
import { NotificationsService } from '../../notifications/notifications.service';
import { MetricCatalogService } from '../catalog/metric-catalog';
import { currentFigures, figureOf, type CurrentFigure } from '../usage-current';
import { UsageEventsService } from '../usage-events.service';
import { metricLimit } from '../usage-limits.mapper';
import { UsageStore } from '../usage-store.port';
import { UsageRepository } from '../usage.repository';
import { UsageAlertRepository, type StoredRule } from './usage-alert.repository';
import { usageAlertMail } from './usage-alert.mail';

/** Quiet time before an account's rules are evaluated after samples arrive, ms (a stream evaluates about twice a second). */
const EVALUATION_DELAY_MS = 500;
/** Attempts at mailing one firing. */
const MAX_MAIL_ATTEMPTS = 5;
/** Roles mailed when a rule fires: those that may manage alerts. */
const ALERT_RECIPIENT_ROLES = roleSchema.options.filter((r) => roleHasPermission(r, 'alerts:manage'));

/** What one evaluation of an account did. */
export interface EvaluationReport {
  evaluated: number;
  fired: string[];
  rearmed: string[];
}

/**
 * Usage alerts: rules per metric (and optionally per service), a percentage of the limit or an absolute value.
 * Evaluated shortly after samples arrive for the account (and on every maintenance run), against the metric's
 * current figure (gauge: latest value; counter: the billing period's total). A rule fires once per crossing
 * (compare-and-set on its state, so concurrent evaluators on any instance fire it once) and re-arms below the
 * hysteresis line. A firing is stored, pushed as `usage_alert`, and mailed to the members who manage alerts
 * (retried on the next evaluations until sent). Rule changes are audited.
 */
@Injectable()
export class UsageAlertsService implements OnModuleDestroy {
  private readonly logger = new Logger(UsageAlertsService.name);
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly running = new Map<string, Promise<EvaluationReport>>();

  constructor(
    private readonly rules: UsageAlertRepository,
    private readonly catalog: MetricCatalogService,
    private readonly store: UsageStore,
    private readonly repository: UsageRepository,
    private readonly events: UsageEventsService,
    private readonly mail: MailPort,
    private readonly audit: AuditService,
    @Inject(ENV) private readonly env: Env,
    @Optional() private readonly notifications?: NotificationsService,
  ) {}

  async view(accountId: string): Promise<UsageAlertsView> {
    const [rules, recent] = await Promise.all([
      this.rules.rules(accountId),
      this.rules.recent(accountId, 20),
    ]);
    return { rules: rules.map(strip), recent };
  }

  /** @throws AppException 400 unknown metric, percent without a limit source, or a service of a metric without the dimension */
  async create(
    accountId: string,
    body: CreateUsageAlertRule,
    ctx: RequestAuditContext,
  ): Promise<UsageAlertRule> {
    const metric = this.catalog.find(body.metric);
    if (!metric) throw AppException.validation([{ path: 'body.metric', message: 'Unknown metric' }]);
    if (body.service !== null && !metric.perService)
      throw AppException.validation([
        { path: 'body.service', message: `${metric.key} is measured per account` },
      ]);
    if (body.threshold.type === 'percent' && metric.limit.from === 'none') {
      throw AppException.validation([
        { path: 'body.threshold', message: `${metric.key} has no limit: use an absolute threshold` },
      ]);
    }
    const rule = await this.rules.create({
      id: randomUUID(),
      accountId,
      ...body,
      createdBy: ctx.actorUserId,
    });
    await this.audit.record({
      ...ctx,
      action: 'usage.alert_created',
      target: rule.id,
      metadata: auditMeta(rule),
    });
    this.scheduleEvaluation(accountId);
    return strip(rule);
  }

  /** @throws AppException 404 unknown rule */
  async update(
    accountId: string,
    id: string,
    body: UpdateUsageAlertRule,
    ctx: RequestAuditContext,
  ): Promise<UsageAlertRule> {
    const before = await this.rules.rule(accountId, id).catch(() => null);
    if (!before) throw AppException.notFound('Alert not found');
    if (body.threshold?.type === 'percent' && this.catalog.find(before.metric)?.limit.from === 'none') {
      throw AppException.validation([
        { path: 'body.threshold', message: `${before.metric} has no limit: use an absolute threshold` },
      ]);
    }
    const after = await this.rules.update(accountId, before.id, body);
    if (!after) throw AppException.notFound('Alert not found');
    await this.audit.record({
      ...ctx,
      action: 'usage.alert_updated',
      target: after.id,
      metadata: {
        ...auditMeta(after),
        previousThreshold: `${before.threshold.type}:${before.threshold.value}`,
      },
    });
    this.scheduleEvaluation(accountId);
    return strip(after);
  }

  /** @throws AppException 404 unknown rule */
  async delete(accountId: string, id: string, ctx: RequestAuditContext): Promise<void> {
    const before = await this.rules.rule(accountId, id).catch(() => null);
    if (!before || !(await this.rules.delete(accountId, before.id)))
      throw AppException.notFound('Alert not found');
    await this.audit.record({
      ...ctx,
      action: 'usage.alert_deleted',
      target: before.id,
      metadata: auditMeta(before),
    });
  }

  /** Evaluates the account's rules after a short quiet time (samples just arrived). */
  scheduleEvaluation(accountId: string): void {
    const existing = this.timers.get(accountId);
    if (existing) return;
    const timer = setTimeout(() => {
      this.timers.delete(accountId);
      void this.evaluate(accountId).catch((err: unknown) =>
        this.logger.warn(
          { accountId, err: err instanceof Error ? err.message : String(err) },
          'usage alert evaluation failed',
        ),
      );
    }, EVALUATION_DELAY_MS);
    timer.unref();
    this.timers.set(accountId, timer);
  }

  /** Evaluates now every enabled rule of the account (one evaluation at a time per account in this process). */
  evaluate(accountId: string, now: Date = new Date()): Promise<EvaluationReport> {
    const running = this.running.get(accountId);
    if (running) return running.then(() => this.evaluate(accountId, now));
    const run = DbContext.runWithAccount(accountId, () => this.evaluateInScope(accountId, now)).finally(() =>
      this.running.delete(accountId),
    );
    this.running.set(accountId, run);
    return run;
  }

  /** Evaluates every account that has an enabled rule (maintenance). */
  async evaluateAll(now: Date = new Date()): Promise<number> {
    const accounts = await DbContext.runAsSystem('usage-alerts', () => this.rules.accountsWithRules());
    for (const accountId of accounts) await this.evaluate(accountId, now).catch(() => undefined);
    return accounts.length;
  }

  private async evaluateInScope(accountId: string, now: Date): Promise<EvaluationReport> {
    const report: EvaluationReport = { evaluated: 0, fired: [], rearmed: [] };
    const rules = await this.rules.rules(accountId, { enabledOnly: true });
    if (rules.length > 0) {
      const services = await this.repository.services(accountId);
      const figures = new Map<string, CurrentFigure[]>();
      for (const rule of rules) {
        const metric = this.catalog.find(rule.metric);
        if (!metric) continue;
        let current = figures.get(metric.key);
        if (!current) {
          current = await currentFigures(this.store, accountId, metric, now);
          figures.set(metric.key, current);
        }
        const value = figureOf(current, rule.service);
        const limit = metricLimit(metric, services.length > 0 ? services : null, rule.service);
        const thresholdValue =
          rule.threshold.type === 'absolute'
            ? rule.threshold.value
            : typeof limit === 'number'
              ? (limit * rule.threshold.value) / 100
              : null;
        if (thresholdValue === null) continue;
        report.evaluated += 1;
        const next = nextAlertState(rule.state, value, thresholdValue, rule.hysteresis);
        const firingId = next.fired ? randomUUID() : null;
        const moved = await this.rules.transition(
          rule,
          rule.state,
          next.state,
          value,
          now,
          firingId ? { id: firingId, limit: typeof limit === 'number' ? limit : null, thresholdValue } : null,
        );
        if (!moved) continue;
        if (firingId) {
          report.fired.push(rule.id);
          this.logger.log(
            { accountId, ruleId: rule.id, metric: rule.metric, value, thresholdValue },
            'usage alert fired',
          );
          await this.events
            .publishEvent({
              id: firingId,
              type: 'usage_alert',
              accountId,
              occurredAt: now.toISOString(),
              payload: {
                alertId: firingId,
                ruleId: rule.id,
                metric: rule.metric,
                service: rule.service,
                threshold: rule.threshold,
                value,
                limit: typeof limit === 'number' ? limit : null,
              },
            })
            .catch((err: unknown) =>
              this.logger.warn(
                { err: err instanceof Error ? err.message : String(err) },
                'usage_alert not published',
              ),
            );
          // The bell: stored once per firing. The firing's own mail (below) is the email, so the notification sends none.
          await this.notifications
            ?.notify(
              accountId,
              notificationOf(
                {
                  kind: 'usage_alert',
                  label: metric.label,
                  unit: metric.unit,
                  value,
                  threshold: thresholdValue,
                  service: rule.service,
                },
                `usage_alert:${firingId}`,
                `usage?metric=${encodeURIComponent(metric.key)}`,
              ),
              { email: false },
            )
            .catch((err: unknown) =>
              this.logger.warn(
                { err: err instanceof Error ? err.message : String(err) },
                'usage alert notification not stored',
              ),
            );
        } else if (next.state === 'armed') {
          report.rearmed.push(rule.id);
        }
      }
    }
    await this.sendPendingMail(accountId);
    return report;
  }

  /** Mails every firing of the account not mailed yet (to owners, admins and technical members). */
  private async sendPendingMail(accountId: string): Promise<void> {
    const pending = await this.rules.unmailed(accountId, MAX_MAIL_ATTEMPTS);
    if (pending.length === 0) return;
    const recipients = await this.repository.accountRecipients(accountId, ALERT_RECIPIENT_ROLES);
    if (!recipients) return;
    const services = await this.repository.services(accountId);
    for (const firing of pending) {
      const metric = this.catalog.find(firing.metric);
      if (!metric) {
        await this.rules.markMailed(accountId, firing.id, true);
        continue;
      }
      const content = (locale: Locale | null) =>
        usageAlertMail({
          accountName: recipients.name,
          metric,
          service:
            firing.service === null
              ? null
              : {
                  id: firing.service,
                  name: services.find((s) => s.service === firing.service)?.name ?? null,
                },
          firing,
          link: `${this.env.PORTAL_ORIGIN}/${accountId}/usage?metric=${encodeURIComponent(metric.key)}`,
          locale,
        });
      let ok = true;
      for (const { email: to, locale } of recipients.recipients) {
        try {
          await this.mail.send({ to, ...content(locale) });
        } catch (err) {
          ok = false;
          this.logger.warn(
            { accountId, firingId: firing.id, err: err instanceof Error ? err.message : String(err) },
            'usage alert mail not sent',
          );
          break;
        }
      }
      await this.rules.markMailed(accountId, firing.id, ok);
    }
  }

  onModuleDestroy(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

function strip(rule: StoredRule): UsageAlertRule {
  const { accountId: _accountId, ...rest } = rule;
  return rest;
}

function auditMeta(rule: StoredRule): Record<string, string | number | boolean | null> {
  return {
    metric: rule.metric,
    service: rule.service,
    threshold: `${rule.threshold.type}:${rule.threshold.value}`,
    hysteresis: rule.hysteresis,
    enabled: rule.enabled,
  };
}
