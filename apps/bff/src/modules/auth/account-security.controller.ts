import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiConflictResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { accountSecuritySchema, type AccountSecurity } from '@portico/domain';
import { AccountScoped, CurrentAccount, RequirePermission, type AccountContext } from '../../core/auth';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { AuditContext, type RequestAuditContext } from '../audit/audit-context';
import { AccountSecurityService } from './account-security.service';

/** Account-wide security settings (`security:manage`: owners). */
@ApiTags('security')
@Controller('api/v1/accounts/:accountId/security')
@AccountScoped()
@RequirePermission('security:manage')
export class AccountSecurityController {
  constructor(private readonly security: AccountSecurityService) {}

  @Get()
  @ApiOperation({ summary: 'Account security settings' })
  @ApiOkResponse({ description: 'AccountSecurity' })
  get(@CurrentAccount() account: AccountContext): Promise<AccountSecurity> {
    return this.security.get(account);
  }

  @Put()
  @ApiOperation({ summary: 'Require (or stop requiring) two-factor authentication of every member' })
  @ApiOkResponse({ description: 'AccountSecurity' })
  @ApiConflictResponse({ description: 'conflict: turn on your own two-factor authentication first' })
  update(
    @CurrentAccount() account: AccountContext,
    @Body(new ZodValidationPipe(accountSecuritySchema)) body: AccountSecurity,
    @AuditContext() ctx: RequestAuditContext,
  ): Promise<AccountSecurity> {
    return this.security.update(account, body, ctx);
  }
}
