import { Injectable } from '@nestjs/common';
import { roleSchema } from '@portico/domain';
import { PrismaService } from '../prisma/prisma.service';
import type { AccountContext } from './session.types';

/** Membership reads for access checks (the only auth-core file touching Prisma). */
@Injectable()
export class AccessRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findMembership(userId: string, accountId: string): Promise<AccountContext | null> {
    const row = await this.prisma.membership.findUnique({
      where: { userId_accountId: { userId, accountId } },
      select: {
        role: true,
        user: { select: { mfaEnabledAt: true } },
        account: {
          select: { id: true, name: true, whmcsClientId: true, salesforceAccountId: true, mfaRequired: true },
        },
      },
    });
    if (!row) return null;
    return {
      accountId: row.account.id,
      accountName: row.account.name,
      role: roleSchema.parse(row.role),
      whmcsClientId: row.account.whmcsClientId,
      salesforceAccountId: row.account.salesforceAccountId,
      mfaRequired: row.account.mfaRequired,
      memberMfaEnabled: row.user.mfaEnabledAt !== null,
    };
  }

  async isPlatformAdmin(userId: string): Promise<boolean> {
    const row = await this.prisma.user.findUnique({ where: { id: userId }, select: { platformAdmin: true } });
    return row?.platformAdmin === true;
  }
}
