import { Controller, Get, Header, Param, Query, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  panelDataQuerySchema,
  type Dashboard,
  type DashboardList,
  type PanelData,
  type PanelDataQuery,
} from '@portico/domain';
import type { FastifyReply } from 'fastify';
import { AccountScoped, CurrentAccount, RequirePermission, type AccountContext } from '../../core/auth';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { DashboardsService } from './dashboards.service';

const rangeQueries = [
  ApiQuery({ name: 'from', description: "ISO 8601 timestamp (inclusive): the dashboard's range" }),
  ApiQuery({ name: 'to', description: 'ISO 8601 timestamp (exclusive), after from, at most 400 days later' }),
  ApiQuery({
    name: 'aggregation',
    required: false,
    description: 'on (default) or off: raw points, at most 31 days',
  }),
  ApiQuery({ name: 'series', required: false, description: 'timeseries: one metric of the panel' }),
  ApiQuery({ name: 'sort', required: false, description: 'table: column or column:asc|desc' }),
  ApiQuery({ name: 'filter', required: false, description: 'table: rows containing this text' }),
  ApiQuery({ name: 'page', required: false, description: 'table: page from 1' }),
];
const applyAll =
  (decorators: MethodDecorator[]): MethodDecorator =>
  (target, key, descriptor) => {
    for (const d of decorators) d(target, key, descriptor);
  };

/** Dashboards of one account and their panels' data (`dashboard:read`, plus each panel's own permissions). */
@ApiTags('dashboards')
@Controller('api/v1/accounts/:accountId/dashboards')
@AccountScoped()
@RequirePermission('dashboard:read')
export class DashboardsController {
  constructor(private readonly dashboards: DashboardsService) {}

  @Get()
  @ApiOperation({
    summary: 'The dashboards of the account (configuration: all accounts, its products, or this account)',
  })
  @ApiOkResponse({ description: 'DashboardList' })
  list(@CurrentAccount() account: AccountContext): Promise<DashboardList> {
    return this.dashboards.list(account);
  }

  @Get(':name')
  @ApiOperation({ summary: 'One dashboard: its panels with grid positions and refresh intervals' })
  @ApiOkResponse({ description: 'Dashboard' })
  @ApiNotFoundResponse({ description: 'not_found' })
  get(@CurrentAccount() account: AccountContext, @Param('name') name: string): Promise<Dashboard> {
    return this.dashboards.get(account, name);
  }

  @Get(':name/panels/:panelId/data')
  @ApiOperation({ summary: "One panel's data for the range (by panel type), cached per account" })
  @applyAll(rangeQueries)
  @ApiOkResponse({ description: 'PanelData' })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  @ApiForbiddenResponse({ description: "forbidden: the role may not read the panel's source" })
  @ApiNotFoundResponse({ description: 'not_found' })
  data(
    @CurrentAccount() account: AccountContext,
    @Param('name') name: string,
    @Param('panelId') panelId: string,
    @Query(new ZodValidationPipe(panelDataQuerySchema)) query: PanelDataQuery,
  ): Promise<PanelData> {
    return this.dashboards.panelData(account, name, panelId, query);
  }

  @Get(':name/panels/:panelId/data.csv')
  @Header('cache-control', 'no-store')
  @ApiProduces('text/csv')
  @ApiOperation({ summary: "One panel's data as CSV (tables: every matching row, not one page)" })
  @applyAll(rangeQueries)
  @ApiOkResponse({ description: 'text/csv' })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  async csv(
    @CurrentAccount() account: AccountContext,
    @Param('name') name: string,
    @Param('panelId') panelId: string,
    @Query(new ZodValidationPipe(panelDataQuerySchema)) query: PanelDataQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<string> {
    const { fileName, csv } = await this.dashboards.panelCsv(account, name, panelId, query);
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`);
    return csv;
  }
}
