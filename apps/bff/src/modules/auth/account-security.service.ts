import { Injectable } from '@nestjs/common';
import type { AccountSecurity } from '@portico/domain';
import { AccessService, type AccountContext } from '../../core/auth';
import { AppException } from '../../core/http/app.exception';
import { DbContext } from '../../core/prisma/db-context';
import type { RequestAuditContext } from '../audit/audit-context';
import { AuditService } from '../audit/audit.service';
import { AccountSecurityRepository } from './account-security.repository';

/** An account's security settings: whether every member must use two-factor authentication. */
@Injectable()
export class AccountSecurityService {
  constructor(
    private readonly repository: AccountSecurityRepository,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  /** The settings of the member's account (read under its row-level security scope). */
  async get(account: AccountContext): Promise<AccountSecurity> {
    return {
      mfaRequired: await DbContext.runWithAccount(account.accountId, () =>
        this.repository.findAccountMfaRequired(account.accountId),
      ),
    };
  }

  /**
   * Requires (or stops requiring) two-factor authentication of every member, drops the cached access contexts of
   * the account (they carry the requirement) and records `account.mfa_requirement_changed`.
   * @throws AppException 409 `conflict` when the member turning it on has no two-factor authentication themself
   */
  async update(
    account: AccountContext,
    settings: AccountSecurity,
    ctx: RequestAuditContext,
  ): Promise<AccountSecurity> {
    if (settings.mfaRequired && account.memberMfaEnabled !== true) {
      throw new AppException(
        'conflict',
        'Turn on two-factor authentication for yourself before requiring it of every member',
      );
    }
    // Row-level security lets only the system scope change `accounts` rows; the guard has checked `security:manage`
    // for this very account, and the update names it by id.
    await DbContext.runAsSystem('account-security', () =>
      this.repository.setAccountMfaRequired(account.accountId, settings.mfaRequired),
    );
    await this.access.invalidateAccount(account.accountId);
    await this.audit.record({
      ...ctx,
      action: 'account.mfa_requirement_changed',
      target: `account:${account.accountId}`,
      metadata: { mfaRequired: settings.mfaRequired },
    });
    return { mfaRequired: settings.mfaRequired };
  }
}
