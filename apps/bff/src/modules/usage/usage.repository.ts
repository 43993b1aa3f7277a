import { Injectable } from '@nestjs/common';
import { localeSchema, type Locale, type WhmcsLimitField, type WhmcsUsageField } from '@portico/domain';
import { PrismaService } from '../../core/prisma/prisma.service';
import type { Prisma } from '../../generated/prisma/client';
import type { ServiceLimits } from './usage-limits.mapper';

/** An account the WHMCS usage sync reads. */
export interface SyncAccount {
  id: string;
  whmcsClientId: number;
}

/** The sync's last reading of one service's WHMCS figure. */
export interface WhmcsReading {
  service: string;
  field: WhmcsUsageField;
  measuredAt: Date;
  /** Bytes. */
  value: number;
}

function limitsOf(json: Prisma.JsonValue): ServiceLimits['limits'] {
  const out: ServiceLimits['limits'] = {};
  if (json && typeof json === 'object' && !Array.isArray(json)) {
    for (const field of ['disklimit', 'bwlimit'] as WhmcsLimitField[]) {
      const v = (json as Record<string, unknown>)[field];
      if (v === null || typeof v === 'number') out[field] = v;
    }
  }
  return out;
}

/**
 * Usage bookkeeping besides samples (those are the {@link UsageStore}'s): the account's services with their limits,
 * the WHMCS usage sync's readings, and the lookups the usage features need. Runs in the caller's database scope.
 */
@Injectable()
export class UsageRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Accounts linked to a WHMCS client (system scope). */
  async whmcsAccounts(): Promise<SyncAccount[]> {
    const rows = await this.prisma.account.findMany({
      where: { whmcsClientId: { not: null } },
      select: { id: true, whmcsClientId: true },
      orderBy: { id: 'asc' },
    });
    return rows.flatMap((r) =>
      r.whmcsClientId === null ? [] : [{ id: r.id, whmcsClientId: r.whmcsClientId }],
    );
  }

  /** The account's WHMCS client id (null when not linked), or undefined for an unknown account. */
  async whmcsClientIdOf(accountId: string): Promise<number | null | undefined> {
    const row = await this.prisma.account.findUnique({
      where: { id: accountId },
      select: { whmcsClientId: true },
    });
    return row === null ? undefined : row.whmcsClientId;
  }

  /** Which of `ids` are existing accounts. */
  async existingAccounts(ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.prisma.account.findMany({
      where: { id: { in: [...ids] } },
      select: { id: true },
    });
    return new Set(rows.map((r) => r.id));
  }

  async services(accountId: string): Promise<ServiceLimits[]> {
    const rows = await this.prisma.usageServiceRecord.findMany({
      where: { accountId },
      orderBy: { serviceId: 'asc' },
    });
    return rows.map((r) => ({
      service: r.serviceId,
      name: r.name,
      status: r.status,
      limits: limitsOf(r.limits),
    }));
  }

  /** Replaces the account's services with `services` (those gone upstream are removed). */
  async replaceServices(accountId: string, services: readonly ServiceLimits[]): Promise<void> {
    const ids = services.map((s) => s.service);
    await this.prisma.$transaction([
      this.prisma.usageServiceRecord.deleteMany({ where: { accountId, serviceId: { notIn: ids } } }),
      ...services.map((s) =>
        this.prisma.usageServiceRecord.upsert({
          where: { accountId_serviceId: { accountId, serviceId: s.service } },
          create: {
            accountId,
            serviceId: s.service,
            name: s.name,
            status: s.status,
            limits: s.limits,
            updatedAt: new Date(),
          },
          update: { name: s.name, status: s.status, limits: s.limits, updatedAt: new Date() },
        }),
      ),
    ]);
  }

  async readings(accountId: string): Promise<WhmcsReading[]> {
    const rows = await this.prisma.usageWhmcsReading.findMany({ where: { accountId } });
    return rows.map((r) => ({
      service: r.serviceId,
      field: r.field as WhmcsUsageField,
      measuredAt: r.measuredAt,
      value: r.value,
    }));
  }

  async saveReadings(accountId: string, readings: readonly WhmcsReading[]): Promise<void> {
    if (readings.length === 0) return;
    await this.prisma.$transaction(
      readings.map((r) =>
        this.prisma.usageWhmcsReading.upsert({
          where: { accountId_serviceId_field: { accountId, serviceId: r.service, field: r.field } },
          create: {
            accountId,
            serviceId: r.service,
            field: r.field,
            measuredAt: r.measuredAt,
            value: r.value,
          },
          update: { measuredAt: r.measuredAt, value: r.value },
        }),
      ),
    );
  }

  /** Name, and the email and saved language of the members whose role is among `roles` (alert mail recipients). */
  async accountRecipients(
    accountId: string,
    roles: readonly string[],
  ): Promise<{ name: string; recipients: { email: string; locale: Locale | null }[] } | null> {
    const account = await this.prisma.account.findUnique({
      where: { id: accountId },
      select: {
        name: true,
        memberships: {
          where: { role: { in: [...roles] } },
          select: { userId: true, user: { select: { email: true, locale: true } } },
        },
        // Members who turned off the email of usage alerts in their notification settings (default: on).
        notificationPreferences: { where: { kind: 'usage_alert', email: false }, select: { userId: true } },
      },
    });
    if (!account) return null;
    const optedOut = new Set(account.notificationPreferences.map((p) => p.userId));
    return {
      name: account.name,
      recipients: account.memberships
        .filter((m) => !optedOut.has(m.userId))
        .map((m) => ({ email: m.user.email, locale: localeSchema.safeParse(m.user.locale).data ?? null })),
    };
  }
}
