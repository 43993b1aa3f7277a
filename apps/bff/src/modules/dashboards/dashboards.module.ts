import { Module } from '@nestjs/common';
import { BillingModule } from '../billing/billing.module';
import { SupportModule } from '../support/support.module';
import { UsageModule } from '../usage/usage.module';
import { DashboardConfigService } from './dashboard-config.service';
import { DashboardsController } from './dashboards.controller';
import { DashboardsService } from './dashboards.service';
import { PanelDataService } from './panel-data.service';
import { SavedDashboardsRepository } from './saved-dashboards.repository';
import { panelProviderRegistry } from './providers';

/**
 * Dashboards: the operator's dashboard files (`DASHBOARDS_DIR`, validated when the module is built: invalid files
 * stop start-up with every problem at its `file:line:column`; watched in development), the panel data API and the
 * custom panel providers (every class registered with `@PanelProvider` in `providers/`).
 */
@Module({
  imports: [UsageModule, BillingModule, SupportModule],
  controllers: [DashboardsController],
  providers: [
    DashboardConfigService,
    PanelDataService,
    DashboardsService,
    SavedDashboardsRepository,
    ...panelProviderRegistry.types(),
  ],
})
export class DashboardsModule {}
