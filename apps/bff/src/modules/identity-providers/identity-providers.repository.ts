import { Injectable } from '@nestjs/common';
import { identityProviderJitRoleSchema, type IdentityProviderJitRole } from '@portico/domain';
import { Prisma } from '../../generated/prisma/client';
import { PrismaService } from '../../core/prisma/prisma.service';

/** An account's identity provider as stored (client secret still sealed). */
export interface StoredIdentityProvider {
  id: string;
  accountId: string;
  issuerUrl: string;
  clientId: string;
  clientSecretSealed: string;
  clientSecretHint: string;
  /** Lower-cased, sorted. */
  allowedEmailDomains: string[];
  jitEnabled: boolean;
  jitRole: IdentityProviderJitRole;
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** What is written on create or update. */
export type IdentityProviderFields = Omit<
  StoredIdentityProvider,
  'id' | 'accountId' | 'createdAt' | 'updatedAt'
>;

/** Thrown when an email domain is routed to another account's provider already. */
export class IdentityProviderDomainConflict extends Error {
  constructor(readonly domains: string[]) {
    super('an email domain belongs to another account identity provider');
    this.name = 'IdentityProviderDomainConflict';
  }
}

const SELECT = {
  id: true,
  accountId: true,
  issuerUrl: true,
  clientId: true,
  clientSecretSealed: true,
  clientSecretHint: true,
  jitEnabled: true,
  jitRole: true,
  enabled: true,
  createdAt: true,
  updatedAt: true,
  domains: { select: { domain: true }, orderBy: { domain: 'asc' } },
} as const satisfies Prisma.AccountIdentityProviderSelect;
type Row = Prisma.AccountIdentityProviderGetPayload<{ select: typeof SELECT }>;

function stored(row: Row): StoredIdentityProvider {
  return {
    id: row.id,
    accountId: row.accountId,
    issuerUrl: row.issuerUrl,
    clientId: row.clientId,
    clientSecretSealed: row.clientSecretSealed,
    clientSecretHint: row.clientSecretHint,
    allowedEmailDomains: row.domains.map((d) => d.domain),
    jitEnabled: row.jitEnabled,
    jitRole: identityProviderJitRoleSchema.parse(row.jitRole),
    enabled: row.enabled,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
}

/**
 * Account identity providers and their email domains (the only file touching those tables). Call in the system scope
 * (`DbContext.runAsSystem` or `@SystemScope`): the row-level security policies admit no other.
 */
@Injectable()
export class IdentityProvidersRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Whether the account exists. */
  async accountExists(accountId: string): Promise<boolean> {
    return (await this.prisma.account.count({ where: { id: accountId } })) > 0;
  }

  /** The account's provider, or null. */
  async findByAccount(accountId: string): Promise<StoredIdentityProvider | null> {
    const row = await this.prisma.accountIdentityProvider.findUnique({
      where: { accountId },
      select: SELECT,
    });
    return row ? stored(row) : null;
  }

  /** The provider with this id, or null. */
  async findById(id: string): Promise<StoredIdentityProvider | null> {
    const row = await this.prisma.accountIdentityProvider.findUnique({ where: { id }, select: SELECT });
    return row ? stored(row) : null;
  }

  /** The provider the (lower-cased) email domain is routed to, or null. */
  async findByDomain(domain: string): Promise<StoredIdentityProvider | null> {
    const row = await this.prisma.identityProviderDomain.findUnique({
      where: { domain },
      select: { provider: { select: SELECT } },
    });
    return row ? stored(row.provider) : null;
  }

  /**
   * Creates or replaces the account's provider and its domains, in one transaction.
   * @returns the provider and whether it was created
   * @throws IdentityProviderDomainConflict when a domain belongs to another account's provider
   */
  async upsert(
    accountId: string,
    fields: IdentityProviderFields,
  ): Promise<{ provider: StoredIdentityProvider; created: boolean }> {
    const { allowedEmailDomains, ...columns } = fields;
    try {
      return await this.prisma.$transaction(async (tx) => {
        const taken = await tx.identityProviderDomain.findMany({
          where: { domain: { in: allowedEmailDomains }, provider: { accountId: { not: accountId } } },
          select: { domain: true },
        });
        if (taken.length > 0) throw new IdentityProviderDomainConflict(taken.map((d) => d.domain).sort());
        const existing = await tx.accountIdentityProvider.findUnique({
          where: { accountId },
          select: { id: true },
        });
        const row = await tx.accountIdentityProvider.upsert({
          where: { accountId },
          create: { accountId, ...columns },
          update: columns,
          select: { id: true },
        });
        await tx.identityProviderDomain.deleteMany({ where: { providerId: row.id } });
        await tx.identityProviderDomain.createMany({
          data: allowedEmailDomains.map((domain) => ({ domain, providerId: row.id })),
        });
        const saved = await tx.accountIdentityProvider.findUniqueOrThrow({
          where: { id: row.id },
          select: SELECT,
        });
        return { provider: stored(saved), created: existing === null };
      });
    } catch (err) {
      // Two administrators claiming one domain at once: the primary key decides.
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
        throw new IdentityProviderDomainConflict(allowedEmailDomains);
      }
      throw err;
    }
  }

  /** Deletes the account's provider (and its domains); false when it had none. */
  async delete(accountId: string): Promise<StoredIdentityProvider | null> {
    const existing = await this.findByAccount(accountId);
    if (!existing) return null;
    const { count } = await this.prisma.accountIdentityProvider.deleteMany({ where: { accountId } });
    return count > 0 ? existing : null;
  }
}
