import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AccountStatus } from '@portico/domain';
import { AccountScoped, CurrentAccount, RequirePermission, type AccountContext } from '../../core/auth';
import { MeStatusService } from './me-status.service';
import { redactStatusForRole } from './status-permissions.mapper';

/** `GET /api/v1/accounts/:accountId/status`: the dashboard document. */
@ApiTags('status')
@Controller('api/v1/accounts/:accountId/status')
export class MeStatusController {
  constructor(private readonly status: MeStatusService) {}

  @Get()
  @AccountScoped()
  @RequirePermission('dashboard:read')
  @ApiOperation({
    summary: 'Dashboard document of an account',
    description:
      'Profile, CRM account, subscriptions, billing summary, open cases and usage tiles. Each block carries its ' +
      'freshness; a failing upstream marks its blocks unavailable and the answer is still 200. Blocks the ' +
      "member's role may not read are unavailable with reason `forbidden` and no data.",
  })
  @ApiOkResponse({ description: 'AccountStatus' })
  async getStatus(@CurrentAccount() account: AccountContext): Promise<AccountStatus> {
    return redactStatusForRole(await this.status.getStatus(account), account.role);
  }
}
