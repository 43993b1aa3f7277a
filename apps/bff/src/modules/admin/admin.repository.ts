import { Injectable } from '@nestjs/common';
import type { AdminAccount } from '@portico/domain';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../core/prisma/prisma.service';

/** Fields of an account platform administration may set. */
export interface AccountFields {
  name?: string;
  whmcsClientId?: number | null;
  salesforceAccountId?: string | null;
}

/** Thrown when a WHMCS client id or Salesforce Account Id already belongs to another account. */
export class AccountLinkConflict extends Error {
  constructor(readonly field: 'whmcsClientId' | 'salesforceAccountId') {
    super(`${field} already belongs to another account`);
    this.name = 'AccountLinkConflict';
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const SELECT = {
  id: true,
  name: true,
  whmcsClientId: true,
  salesforceAccountId: true,
  createdAt: true,
  _count: { select: { memberships: true } },
} as const;
type Row = Prisma.AccountGetPayload<{ select: typeof SELECT }>;

function view(row: Row): AdminAccount {
  return {
    id: row.id,
    name: row.name,
    whmcsClientId: row.whmcsClientId,
    salesforceAccountId: row.salesforceAccountId,
    memberCount: row._count.memberships,
    createdAt: row.createdAt.toISOString(),
  };
}

function conflictOf(err: unknown): AccountLinkConflict | null {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError) || err.code !== 'P2002') return null;
  const text = `${JSON.stringify(err.meta ?? {})} ${err.message}`;
  if (/whmcs_client_id|whmcsClientId/.test(text)) return new AccountLinkConflict('whmcsClientId');
  if (/salesforce_account_id|salesforceAccountId/.test(text))
    return new AccountLinkConflict('salesforceAccountId');
  return null;
}

/**
 * Every account, for platform administrators (the only admin file touching Prisma). Runs in the system database
 * scope (the admin controller is `@SystemScope`): platform administration is cross-account by definition.
 */
@Injectable()
export class AdminRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Accounts sorted by name; `search` as in the domain's `adminAccountQuerySchema`. */
  async page(
    search: string | undefined,
    page: number,
    pageSize: number,
  ): Promise<{ items: AdminAccount[]; total: number }> {
    const where: Prisma.AccountWhereInput = search === undefined ? {} : { OR: this.searchTerms(search) };
    const rows = await this.prisma.account.findMany({
      where,
      select: SELECT,
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    });
    const total = await this.prisma.account.count({ where });
    return { items: rows.map(view), total };
  }

  async find(id: string): Promise<AdminAccount | null> {
    if (!UUID.test(id)) return null;
    const row = await this.prisma.account.findFirst({ where: { id: id.toLowerCase() }, select: SELECT });
    return row ? view(row) : null;
  }

  /** @throws AccountLinkConflict when an id is taken */
  async create(fields: AccountFields & { name: string }): Promise<AdminAccount> {
    try {
      return view(await this.prisma.account.create({ data: fields, select: SELECT }));
    } catch (err) {
      throw conflictOf(err) ?? err;
    }
  }

  /**
   * Updates the account; null when it does not exist.
   * @throws AccountLinkConflict when an id is taken
   */
  async update(id: string, fields: AccountFields): Promise<AdminAccount | null> {
    if (!UUID.test(id)) return null;
    try {
      const rows = await this.prisma.account.updateManyAndReturn({
        where: { id: id.toLowerCase() },
        data: fields,
        select: { id: true },
      });
      return rows.length === 0 ? null : this.find(id);
    } catch (err) {
      throw conflictOf(err) ?? err;
    }
  }

  private searchTerms(search: string): Prisma.AccountWhereInput[] {
    const terms: Prisma.AccountWhereInput[] = [
      { name: { contains: search, mode: 'insensitive' } },
      { salesforceAccountId: search },
    ];
    if (UUID.test(search)) terms.push({ id: search.toLowerCase() });
    if (/^\d{1,9}$/.test(search)) terms.push({ whmcsClientId: Number(search) });
    return terms;
  }
}
