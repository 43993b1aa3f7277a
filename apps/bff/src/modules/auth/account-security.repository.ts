import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/prisma/prisma.service';

/** An account's security settings (the two-factor requirement of its members). */
@Injectable()
export class AccountSecurityRepository {
  constructor(private readonly prisma: PrismaService) {}

  async findAccountMfaRequired(accountId: string): Promise<boolean> {
    const row = await this.prisma.account.findUnique({
      where: { id: accountId },
      select: { mfaRequired: true },
    });
    return row?.mfaRequired ?? false;
  }

  async setAccountMfaRequired(accountId: string, mfaRequired: boolean): Promise<void> {
    await this.prisma.account.update({ where: { id: accountId }, data: { mfaRequired } });
  }
}
