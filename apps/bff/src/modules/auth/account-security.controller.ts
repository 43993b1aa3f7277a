import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { accountSecuritySchema, type AccountSecurity } from '@portico/domain';
import {
  AccessService,
  AccountScoped,
  CurrentAccount,
  RequirePermission,
  type AccountContext,
} from '../../core/auth';
import { AppException } from '../../core/http/app.exception';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { DbContext } from '../../core/prisma/db-context';
import { AuditContext, type RequestAuditContext } from '../audit/audit-context';
import { AuditService } from '../audit/audit.service';
import { AuthRepository } from './auth.repository';

/** Account-wide security settings (`security:manage`: owners). */
@ApiTags('security')
@Controller('api/v1/accounts/:accountId/security')
@AccountScoped()
@RequirePermission('security:manage')
export class AccountSecurityController {
  constructor(
    private readonly repository: AuthRepository,
    private readonly audit: AuditService,
    private readonly access: AccessService,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Account security settings' })
  @ApiOkResponse({ description: 'AccountSecurity' })
  async get(@CurrentAccount() account: AccountContext): Promise<AccountSecurity> {
    return {
      mfaRequired: await DbContext.runWithAccount(account.accountId, () =>
        this.repository.findAccountMfaRequired(account.accountId),
      ),
    };
  }

  @Put()
  @ApiOperation({ summary: 'Require (or stop requiring) two-factor authentication of every member' })
  @ApiOkResponse({ description: 'AccountSecurity' })
  @ApiConflictResponse({ description: 'conflict: turn on your own two-factor authentication first' })
  async update(
    @CurrentAccount() account: AccountContext,
    @Body(new ZodValidationPipe(accountSecuritySchema)) body: AccountSecurity,
    @AuditContext() ctx: RequestAuditContext,
  ): Promise<AccountSecurity> {
    if (body.mfaRequired && account.memberMfaEnabled !== true) {
      throw new AppException(
        'conflict',
        'Turn on two-factor authentication for yourself before requiring it of every member',
      );
    }
    // Row-level security lets only the system scope change `accounts` rows; the guard has checked `security:manage`
    // for this very account, and the update names it by id.
    await DbContext.runAsSystem('account-security', () =>
      this.repository.setAccountMfaRequired(account.accountId, body.mfaRequired),
    );
    // The access context carries the account's two-factor requirement: drop the cached ones.
    await this.access.invalidateAccount(account.accountId);
    await this.audit.record({
      ...ctx,
      action: 'account.mfa_requirement_changed',
      target: `account:${account.accountId}`,
      metadata: { mfaRequired: body.mfaRequired },
    });
    return { mfaRequired: body.mfaRequired };
  }
}
