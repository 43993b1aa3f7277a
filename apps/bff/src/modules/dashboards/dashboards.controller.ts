import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Param,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import {
  createSavedDashboardSchema,
  panelDataQuerySchema,
  updateSavedDashboardSchema,
  type CreateSavedDashboard,
  type Dashboard,
  type DashboardList,
  type Locale,
  type PanelData,
  type PanelDataQuery,
  type UpdateSavedDashboard,
} from '@portico/domain';
import type { FastifyReply } from 'fastify';
import {
  AccountScoped,
  CurrentAccount,
  CurrentUser,
  RequirePermission,
  type AccountContext,
  type SessionUser,
} from '../../core/auth';
import { RequestLocale } from '../../core/http/request-locale';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { DashboardsService, type DashboardReader } from './dashboards.service';

const reader = (account: AccountContext, user: SessionUser, locale: Locale = 'en'): DashboardReader => ({
  ...account,
  userId: user.userId,
  locale,
});

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

/**
 * Dashboards of one account (the operator's configured ones and the ones its owners and admins saved) and their
 * panels' data (`dashboard:read`, plus each panel's own permissions); saving, changing and deleting saved
 * dashboards needs `dashboards:manage`.
 */
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
  list(
    @CurrentAccount() account: AccountContext,
    @CurrentUser() user: SessionUser,
    @RequestLocale() locale: Locale,
  ): Promise<DashboardList> {
    return this.dashboards.list(reader(account, user, locale));
  }

  @Post()
  @HttpCode(201)
  @RequirePermission('dashboards:manage')
  @ApiOperation({
    summary: 'Save a new dashboard (private to its creator or shared with the account)',
    description:
      "Validated like a dashboard file: panel schema, unique ids, no overlap, catalog metrics, panel providers. The name must not be a configured dashboard's.",
  })
  @ApiCreatedResponse({ description: 'Dashboard' })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  @ApiForbiddenResponse({ description: 'forbidden: owners and admins only' })
  @ApiConflictResponse({ description: 'conflict: the account has a saved dashboard of the name' })
  create(
    @CurrentAccount() account: AccountContext,
    @CurrentUser() user: SessionUser,
    @Body(new ZodValidationPipe(createSavedDashboardSchema)) body: CreateSavedDashboard,
  ): Promise<Dashboard> {
    return this.dashboards.create(reader(account, user), body);
  }

  @Put(':name')
  @RequirePermission('dashboards:manage')
  @ApiOperation({ summary: 'Replace a saved dashboard (configured ones are read only)' })
  @ApiOkResponse({ description: 'Dashboard' })
  @ApiBadRequestResponse({ description: 'validation_failed' })
  @ApiForbiddenResponse({
    description: 'forbidden: owners and admins only; only its creator makes it private',
  })
  @ApiNotFoundResponse({ description: 'not_found' })
  update(
    @CurrentAccount() account: AccountContext,
    @CurrentUser() user: SessionUser,
    @Param('name') name: string,
    @Body(new ZodValidationPipe(updateSavedDashboardSchema)) body: UpdateSavedDashboard,
  ): Promise<Dashboard> {
    return this.dashboards.update(reader(account, user), name, body);
  }

  @Delete(':name')
  @HttpCode(204)
  @RequirePermission('dashboards:manage')
  @ApiOperation({ summary: 'Delete a saved dashboard' })
  @ApiNoContentResponse({ description: 'deleted' })
  @ApiNotFoundResponse({ description: 'not_found' })
  async remove(
    @CurrentAccount() account: AccountContext,
    @CurrentUser() user: SessionUser,
    @Param('name') name: string,
  ): Promise<void> {
    await this.dashboards.delete(reader(account, user), name);
  }

  @Get(':name')
  @ApiOperation({ summary: 'One dashboard: its panels with grid positions and refresh intervals' })
  @ApiOkResponse({ description: 'Dashboard' })
  @ApiNotFoundResponse({ description: 'not_found' })
  get(
    @CurrentAccount() account: AccountContext,
    @CurrentUser() user: SessionUser,
    @Param('name') name: string,
    @RequestLocale() locale: Locale,
  ): Promise<Dashboard> {
    return this.dashboards.get(reader(account, user, locale), name);
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
    @CurrentUser() user: SessionUser,
    @Param('name') name: string,
    @Param('panelId') panelId: string,
    @Query(new ZodValidationPipe(panelDataQuerySchema)) query: PanelDataQuery,
    @RequestLocale() locale: Locale,
  ): Promise<PanelData> {
    return this.dashboards.panelData(reader(account, user, locale), name, panelId, query);
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
    @CurrentUser() user: SessionUser,
    @Param('name') name: string,
    @Param('panelId') panelId: string,
    @Query(new ZodValidationPipe(panelDataQuerySchema)) query: PanelDataQuery,
    @Res({ passthrough: true }) reply: FastifyReply,
    @RequestLocale() locale: Locale,
  ): Promise<string> {
    const { fileName, csv } = await this.dashboards.panelCsv(
      reader(account, user, locale),
      name,
      panelId,
      query,
    );
    void reply
      .header('content-type', 'text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${fileName}"`);
    return csv;
  }
}
