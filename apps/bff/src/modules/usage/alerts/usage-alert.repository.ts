import { Injectable } from '@nestjs/common';
import type { UsageAlertFiring, UsageAlertRule, UsageAlertState, UsageThreshold } from '@portico/domain';
import { PrismaService } from '../../../core/prisma/prisma.service';

type RuleRow = {
  id: string;
  accountId: string;
  metric: string;
  serviceId: string;
  thresholdType: string;
  thresholdValue: number;
  hysteresis: number;
  enabled: boolean;
  state: string;
  lastValue: number | null;
  lastEvaluatedAt: Date | null;
  lastFiredAt: Date | null;
  createdAt: Date;
  createdBy: string | null;
};

type EventRow = {
  id: string;
  ruleId: string | null;
  metric: string;
  serviceId: string;
  thresholdType: string;
  thresholdValue: number;
  value: number;
  limitValue: number | null;
  firedAt: Date;
  mailedAt: Date | null;
};

const thresholdOf = (type: string, value: number): UsageThreshold =>
  type === 'percent' ? { type: 'percent', value } : { type: 'absolute', value };

/** A rule with its account (evaluation needs both). */
export type StoredRule = UsageAlertRule & { accountId: string };

export function ruleView(r: RuleRow): StoredRule {
  return {
    id: r.id,
    accountId: r.accountId,
    metric: r.metric,
    service: r.serviceId === '' ? null : r.serviceId,
    threshold: thresholdOf(r.thresholdType, r.thresholdValue),
    hysteresis: r.hysteresis,
    enabled: r.enabled,
    state: r.state as UsageAlertState,
    lastValue: r.lastValue,
    lastEvaluatedAt: r.lastEvaluatedAt?.toISOString() ?? null,
    lastFiredAt: r.lastFiredAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
  };
}

export function firingView(r: EventRow): UsageAlertFiring {
  return {
    id: r.id,
    ruleId: r.ruleId,
    metric: r.metric,
    service: r.serviceId === '' ? null : r.serviceId,
    threshold: thresholdOf(r.thresholdType, r.thresholdValue),
    value: r.value,
    limit: r.limitValue,
    firedAt: r.firedAt.toISOString(),
    mailedAt: r.mailedAt?.toISOString() ?? null,
  };
}

/** Usage alert rules and firings (`usage_alert_rules`, `usage_alert_events`), in the caller's database scope. */
@Injectable()
export class UsageAlertRepository {
  constructor(private readonly prisma: PrismaService) {}

  async rules(accountId: string, options: { enabledOnly?: boolean } = {}): Promise<StoredRule[]> {
    const rows = await this.prisma.usageAlertRule.findMany({
      where: { accountId, ...(options.enabledOnly ? { enabled: true } : {}) },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map(ruleView);
  }

  async rule(accountId: string, id: string): Promise<StoredRule | null> {
    const row = await this.prisma.usageAlertRule.findFirst({ where: { accountId, id } });
    return row ? ruleView(row) : null;
  }

  async create(input: {
    id: string;
    accountId: string;
    metric: string;
    service: string | null;
    threshold: UsageThreshold;
    hysteresis: number;
    enabled: boolean;
    createdBy: string | null;
  }): Promise<StoredRule> {
    const row = await this.prisma.usageAlertRule.create({
      data: {
        id: input.id,
        accountId: input.accountId,
        metric: input.metric,
        serviceId: input.service ?? '',
        thresholdType: input.threshold.type,
        thresholdValue: input.threshold.value,
        hysteresis: input.hysteresis,
        enabled: input.enabled,
        createdBy: input.createdBy,
      },
    });
    return ruleView(row);
  }

  /** Changes a rule; a new threshold re-arms it. */
  async update(
    accountId: string,
    id: string,
    changes: { threshold?: UsageThreshold; hysteresis?: number; enabled?: boolean },
  ): Promise<StoredRule | null> {
    const result = await this.prisma.usageAlertRule.updateMany({
      where: { accountId, id },
      data: {
        ...(changes.threshold
          ? { thresholdType: changes.threshold.type, thresholdValue: changes.threshold.value, state: 'armed' }
          : {}),
        ...(changes.hysteresis === undefined ? {} : { hysteresis: changes.hysteresis }),
        ...(changes.enabled === undefined ? {} : { enabled: changes.enabled }),
        updatedAt: new Date(),
      },
    });
    return result.count === 0 ? null : this.rule(accountId, id);
  }

  async delete(accountId: string, id: string): Promise<boolean> {
    return (await this.prisma.usageAlertRule.deleteMany({ where: { accountId, id } })).count > 0;
  }

  /**
   * Records an evaluation: value and time always; the state only if it is still `from` (compare-and-set, so of two
   * concurrent evaluations one fires). On a firing the event is written in the same transaction.
   * @returns whether the state moved from `from` to `to`
   */
  async transition(
    rule: StoredRule,
    from: UsageAlertState,
    to: UsageAlertState,
    value: number,
    at: Date,
    firing: { id: string; limit: number | null; thresholdValue: number } | null,
  ): Promise<boolean> {
    return this.prisma.$transaction(async (tx) => {
      if (from === to) {
        await tx.usageAlertRule.updateMany({
          where: { id: rule.id, accountId: rule.accountId },
          data: { lastValue: value, lastEvaluatedAt: at },
        });
        return false;
      }
      const moved = await tx.usageAlertRule.updateMany({
        where: { id: rule.id, accountId: rule.accountId, state: from },
        data: {
          state: to,
          lastValue: value,
          lastEvaluatedAt: at,
          ...(to === 'fired' ? { lastFiredAt: at } : {}),
        },
      });
      if (moved.count === 0) return false;
      if (firing) {
        await tx.usageAlertEvent.create({
          data: {
            id: firing.id,
            accountId: rule.accountId,
            ruleId: rule.id,
            metric: rule.metric,
            serviceId: rule.service ?? '',
            thresholdType: rule.threshold.type,
            thresholdValue: rule.threshold.value,
            value,
            limitValue: firing.limit,
            firedAt: at,
          },
        });
      }
      return true;
    });
  }

  async recent(accountId: string, take: number): Promise<UsageAlertFiring[]> {
    const rows = await this.prisma.usageAlertEvent.findMany({
      where: { accountId },
      orderBy: [{ firedAt: 'desc' }, { id: 'asc' }],
      take,
    });
    return rows.map(firingView);
  }

  /** Firings whose mail has not gone out, with fewer than `maxAttempts` attempts. */
  async unmailed(accountId: string, maxAttempts: number): Promise<UsageAlertFiring[]> {
    const rows = await this.prisma.usageAlertEvent.findMany({
      where: { accountId, mailedAt: null, mailAttempts: { lt: maxAttempts } },
      orderBy: { firedAt: 'asc' },
    });
    return rows.map(firingView);
  }

  async markMailed(accountId: string, id: string, ok: boolean): Promise<void> {
    await this.prisma.usageAlertEvent.updateMany({
      where: { accountId, id },
      data: ok
        ? { mailedAt: new Date(), mailAttempts: { increment: 1 } }
        : { mailAttempts: { increment: 1 } },
    });
  }

  /** Accounts with an enabled rule (system scope). */
  async accountsWithRules(): Promise<string[]> {
    const rows = await this.prisma.usageAlertRule.findMany({
      where: { enabled: true },
      select: { accountId: true },
      distinct: ['accountId'],
    });
    return rows.map((r) => r.accountId);
  }
}
