import { Controller, Get, Header, Query, Res, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  usageExportQuerySchema,
  usageQuerySchema,
  usageSamplesQuerySchema,
  type AccountUsageCatalog,
  type Locale,
  type UsageExportQuery,
  type UsageQuery,
  type UsageSamplePage,
  type UsageSamplesQuery,
  type UsageSeries,
} from '@portico/domain';
import type { FastifyReply } from 'fastify';
import { AccountScoped, CurrentAccount, RequirePermission, type AccountContext } from '../../core/auth';
import { RequestLocale } from '../../core/http/request-locale';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { UsageService } from './usage.service';

/** Usage reads of one account: series, raw drill-down, CSV export and the catalog (`usage:read`). */
@ApiTags('usage')
@Controller('api/v1/accounts/:accountId')
@AccountScoped()
@RequirePermission('usage:read')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get('usage')
  @ApiOperation({
    summary:
      'Usage series of one metric (per service or across services); the bucket follows the range length',
  })
  @ApiQuery({ name: 'metric', description: 'A metric key of the catalog (GET .../usage/catalog)' })
  @ApiQuery({ name: 'from', description: 'ISO 8601 timestamp (inclusive)' })
  @ApiQuery({ name: 'to', description: 'ISO 8601 timestamp (exclusive), after from, at most 400 days later' })
  @ApiQuery({
    name: 'service',
    required: false,
    description: 'A service id: that service only (else across services)',
  })
  @ApiOkResponse({ description: 'UsageSeries' })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  async series(
    @CurrentAccount() account: AccountContext,
    @Query(new ZodValidationPipe(usageQuerySchema)) query: UsageQuery,
  ): Promise<UsageSeries> {
    return this.usage.series(account.accountId, query);
  }

  @Get('usage/catalog')
  @ApiOperation({
    summary: "The metric catalog and the account's services",
    description:
      'Metric labels and descriptions in the language `Accept-Language` prefers (en, de), as configured.',
  })
  @ApiOkResponse({ description: 'AccountUsageCatalog' })
  async catalog(
    @CurrentAccount() account: AccountContext,
    @RequestLocale() locale: Locale,
  ): Promise<AccountUsageCatalog> {
    return this.usage.accountCatalog(account.accountId, locale);
  }

  @Get('usage/samples')
  @ApiOperation({ summary: 'Raw samples of one metric, no aggregation, at most 31 days, paged by cursor' })
  @ApiOkResponse({ description: 'UsageSamplePage' })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  async samples(
    @CurrentAccount() account: AccountContext,
    @Query(new ZodValidationPipe(usageSamplesQuerySchema)) query: UsageSamplesQuery,
  ): Promise<UsageSamplePage> {
    return this.usage.samples(account.accountId, query);
  }

  @Get('usage.csv')
  @Header('cache-control', 'no-store')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: 'A usage series as CSV, streamed, for any range and bucket' })
  @ApiOkResponse({ description: 'text/csv' })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  csv(
    @CurrentAccount() account: AccountContext,
    @Query(new ZodValidationPipe(usageExportQuerySchema)) query: UsageExportQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): StreamableFile {
    const { stream, fileName } = this.usage.export(account.accountId, query);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`);
    return new StreamableFile(stream);
  }
}
