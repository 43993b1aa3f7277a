import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/prisma/prisma.service';
import type { Fingerprints, SnapshotKind } from './reconciliation-diff.mapper';

/** An account linked to at least one upstream. */
export interface LinkedAccount {
  id: string;
  whmcsClientId: number | null;
  salesforceAccountId: string | null;
}

/** Accounts to reconcile and their last snapshots (`reconciliation_snapshots`). */
@Injectable()
export class ReconciliationRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Accounts linked to WHMCS or Salesforce, oldest first. */
  async linkedAccounts(): Promise<LinkedAccount[]> {
    return this.prisma.account.findMany({
      where: { OR: [{ whmcsClientId: { not: null } }, { salesforceAccountId: { not: null } }] },
      orderBy: { createdAt: 'asc' },
      select: { id: true, whmcsClientId: true, salesforceAccountId: true },
    });
  }

  /** The last stored fingerprints of an account, by kind (a kind never stored is absent). */
  async snapshots(accountId: string): Promise<Partial<Record<SnapshotKind, Fingerprints>>> {
    const rows = await this.prisma.reconciliationSnapshot.findMany({ where: { accountId } });
    return Object.fromEntries(rows.map((r) => [r.kind, r.fingerprints as Fingerprints]));
  }

  /** Stores the fingerprints of one kind for an account. */
  async save(accountId: string, kind: SnapshotKind, fingerprints: Fingerprints): Promise<void> {
    await this.prisma.reconciliationSnapshot.upsert({
      where: { accountId_kind: { accountId, kind } },
      create: { accountId, kind, fingerprints },
      update: { fingerprints, checkedAt: new Date() },
    });
  }
}
