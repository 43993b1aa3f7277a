import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AccountStatus, Locale } from '@portico/domain';
import { AccountScoped, CurrentAccount, RequirePermission, type AccountContext } from '../../core/auth';
import { RequestLocale } from '../../core/http/request-locale';
import { MetricCatalogService } from '../usage/catalog/metric-catalog';
import { serializeAccountStatus } from './account-status.serializer';
import { MeStatusService } from './me-status.service';
import { redactStatusForRole } from './status-permissions.mapper';
import { withUsageLabelsIn } from './usage-tiles-locale';

/** `GET /api/v1/accounts/:accountId/status`: the dashboard document. */
@ApiTags('status')
@Controller('api/v1/accounts/:accountId/status')
export class MeStatusController {
  constructor(
    private readonly status: MeStatusService,
    private readonly catalog: MetricCatalogService,
  ) {}

  @Get()
  @AccountScoped()
  @RequirePermission('dashboard:read')
  @ApiOperation({
    summary: 'Dashboard document of an account',
    description:
      'Profile, CRM account, subscriptions, billing summary, open cases and usage tiles. Each block carries its ' +
      'freshness (`fetchedAt`, `stale`, `unavailable`, `reason`): a failing upstream leaves its cached blocks stale, ' +
      'or marks them unavailable, and the answer is still 200. `upstreams` gives each circuit breaker state. Blocks ' +
      "the member's role may not read are unavailable with reason `forbidden` and no data. Usage tile labels are in " +
      'the language `Accept-Language` prefers (en, de), as the metric catalog words them.',
  })
  @ApiOkResponse({ description: 'AccountStatus' })
  @Header('content-type', 'application/json; charset=utf-8')
  async getStatus(
    @CurrentAccount() account: AccountContext,
    @RequestLocale() locale: Locale,
  ): Promise<string> {
    // Serialised here from the cached blocks' remembered JSON: the hot path of the dashboard.
    const doc: AccountStatus = redactStatusForRole(await this.status.getStatus(account), account.role);
    return serializeAccountStatus(withUsageLabelsIn(doc, locale, this.catalog));
  }
}
