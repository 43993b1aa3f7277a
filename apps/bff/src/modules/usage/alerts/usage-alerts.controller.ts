import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  createUsageAlertRuleSchema,
  updateUsageAlertRuleSchema,
  type CreateUsageAlertRule,
  type UpdateUsageAlertRule,
  type UsageAlertRule,
  type UsageAlertsView,
} from '@portico/domain';
import { AccountScoped, CurrentAccount, RequirePermission, type AccountContext } from '../../../core/auth';
import { ZodValidationPipe } from '../../../core/http/zod-validation.pipe';
import { AuditContext, type RequestAuditContext } from '../../audit/audit-context';
import { UsageAlertsService } from './usage-alerts.service';

/** Usage alert rules of one account: read with `usage:read`, changed with `alerts:manage`. */
@ApiTags('usage')
@Controller('api/v1/accounts/:accountId/usage/alerts')
@AccountScoped()
export class UsageAlertsController {
  constructor(private readonly alerts: UsageAlertsService) {}

  @Get()
  @RequirePermission('usage:read')
  @ApiOperation({ summary: 'Usage alert rules and the latest firings' })
  @ApiOkResponse({ description: 'UsageAlertsView' })
  async list(@CurrentAccount() account: AccountContext): Promise<UsageAlertsView> {
    return this.alerts.view(account.accountId);
  }

  @Post()
  @HttpCode(201)
  @RequirePermission('alerts:manage')
  @ApiOperation({
    summary:
      'Create a usage alert rule (percent of the limit or absolute, per metric and optionally per service)',
  })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  async create(
    @CurrentAccount() account: AccountContext,
    @Body(new ZodValidationPipe(createUsageAlertRuleSchema)) body: CreateUsageAlertRule,
    @AuditContext() ctx: RequestAuditContext,
  ): Promise<UsageAlertRule> {
    return this.alerts.create(account.accountId, body, ctx);
  }

  @Patch(':ruleId')
  @RequirePermission('alerts:manage')
  @ApiOperation({ summary: 'Change a usage alert rule (a new threshold re-arms it)' })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  async update(
    @CurrentAccount() account: AccountContext,
    @Param('ruleId') ruleId: string,
    @Body(new ZodValidationPipe(updateUsageAlertRuleSchema)) body: UpdateUsageAlertRule,
    @AuditContext() ctx: RequestAuditContext,
  ): Promise<UsageAlertRule> {
    return this.alerts.update(account.accountId, ruleId, body, ctx);
  }

  @Delete(':ruleId')
  @HttpCode(204)
  @RequirePermission('alerts:manage')
  @ApiOperation({ summary: 'Delete a usage alert rule' })
  async remove(
    @CurrentAccount() account: AccountContext,
    @Param('ruleId') ruleId: string,
    @AuditContext() ctx: RequestAuditContext,
  ): Promise<void> {
    await this.alerts.delete(account.accountId, ruleId, ctx);
  }
}
