import { Injectable } from '@nestjs/common';
import type { ApiKey, ApiKeyScope } from '@portico/domain';
import { PrismaService } from '../../../core/prisma/prisma.service';

/** A key as authentication sees it. */
export interface ApiKeyPrincipal {
  id: string;
  /** The key's account; null for a platform-wide key. */
  accountId: string | null;
  scopes: ApiKeyScope[];
  revoked: boolean;
  lastUsedAt: Date | null;
}

const SELECT = {
  id: true,
  name: true,
  accountId: true,
  prefix: true,
  scopes: true,
  createdAt: true,
  createdBy: true,
  lastUsedAt: true,
  revokedAt: true,
  account: { select: { name: true } },
} as const;

type Row = {
  id: string;
  name: string;
  accountId: string | null;
  prefix: string;
  scopes: string[];
  createdAt: Date;
  createdBy: string | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
  account: { name: string } | null;
};

function view(r: Row): ApiKey {
  return {
    id: r.id,
    name: r.name,
    accountId: r.accountId,
    accountName: r.account?.name ?? null,
    scopes: r.scopes as ApiKeyScope[],
    prefix: r.prefix,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdBy,
    lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
    revokedAt: r.revokedAt?.toISOString() ?? null,
  };
}

/** Usage API keys (`usage_api_keys`). Platform administration and key checks run in the system scope. */
@Injectable()
export class ApiKeyRepository {
  constructor(private readonly prisma: PrismaService) {}

  async create(input: {
    id: string;
    name: string;
    accountId: string | null;
    prefix: string;
    secretHash: string;
    scopes: ApiKeyScope[];
    createdBy: string | null;
  }): Promise<ApiKey> {
    return view(await this.prisma.usageApiKey.create({ data: input, select: SELECT }));
  }

  async list(filter: { accountId?: string; includeRevoked: boolean }): Promise<ApiKey[]> {
    const rows = await this.prisma.usageApiKey.findMany({
      where: {
        ...(filter.accountId ? { accountId: filter.accountId } : {}),
        ...(filter.includeRevoked ? {} : { revokedAt: null }),
      },
      select: SELECT,
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    });
    return rows.map(view);
  }

  async find(id: string): Promise<ApiKey | null> {
    const row = await this.prisma.usageApiKey.findUnique({ where: { id }, select: SELECT });
    return row ? view(row) : null;
  }

  /** Marks the key revoked (once); null when it does not exist. */
  async revoke(id: string, by: string | null): Promise<ApiKey | null> {
    await this.prisma.usageApiKey.updateMany({
      where: { id, revokedAt: null },
      data: { revokedAt: new Date(), revokedBy: by },
    });
    return this.find(id);
  }

  async byHash(secretHash: string): Promise<ApiKeyPrincipal | null> {
    const row = await this.prisma.usageApiKey.findUnique({
      where: { secretHash },
      select: { id: true, accountId: true, scopes: true, revokedAt: true, lastUsedAt: true },
    });
    return row
      ? {
          id: row.id,
          accountId: row.accountId,
          scopes: row.scopes as ApiKeyScope[],
          revoked: row.revokedAt !== null,
          lastUsedAt: row.lastUsedAt,
        }
      : null;
  }

  /** Sets `last_used_at` unless it was set within the last minute (one write a minute per key at most). */
  async touch(id: string, now: Date): Promise<void> {
    await this.prisma.usageApiKey.updateMany({
      where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - 60_000) } }] },
      data: { lastUsedAt: now },
    });
  }
}
