import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { usageQuerySchema, type UsageQuery, type UsageSeries } from '@portico/domain';
import { AccountScoped, CurrentAccount, RequirePermission, type AccountContext } from '../../core/auth';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { UsageService } from './usage.service';

/** `GET /api/v1/accounts/:accountId/usage`. */
@ApiTags('usage')
@Controller('api/v1/accounts/:accountId/usage')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get()
  @AccountScoped()
  @RequirePermission('usage:read')
  @ApiOperation({ summary: 'Usage series of one metric; the bucket follows the range length' })
  @ApiQuery({ name: 'metric', enum: ['disk', 'bandwidth'] })
  @ApiQuery({ name: 'from', description: 'ISO 8601 timestamp (inclusive)' })
  @ApiQuery({ name: 'to', description: 'ISO 8601 timestamp (exclusive), after from, at most 400 days later' })
  @ApiOkResponse({ description: 'UsageSeries' })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  async series(
    @CurrentAccount() account: AccountContext,
    @Query(new ZodValidationPipe(usageQuerySchema)) query: UsageQuery,
  ): Promise<UsageSeries> {
    return this.usage.series(account.accountId, query);
  }
}
