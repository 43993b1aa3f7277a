import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { watch, type FSWatcher } from 'node:fs';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { MetricCatalogService } from '../usage/catalog/metric-catalog';
import {
  DashboardConfigError,
  formatProblem,
  loadDashboardConfig,
  type DashboardConfig,
} from './dashboard-config';

/** Quiet time after a file change before the folder is read again (editors write in several steps), ms. */
const RELOAD_DEBOUNCE_MS = 250;

/**
 * The dashboard configuration of this process. Loaded when the module is built: invalid files stop start-up with
 * {@link DashboardConfigError} listing each problem as `file:line:column message`. With `DASHBOARDS_WATCH` (default
 * in development) the folder is watched and reloaded on change; a reload that fails is logged with every problem
 * and the last good configuration stays in use.
 */
@Injectable()
export class DashboardConfigService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(DashboardConfigService.name);
  private current: DashboardConfig;
  private watcher: FSWatcher | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(ENV) private readonly env: Env,
    private readonly catalog: MetricCatalogService,
  ) {
    this.current = loadDashboardConfig(env.DASHBOARDS_DIR, catalog.catalog);
  }

  /** The configuration in use (the last one that validated). */
  get config(): DashboardConfig {
    return this.current;
  }

  onModuleInit(): void {
    if (!this.env.DASHBOARDS_WATCH) return;
    try {
      this.watcher = watch(this.env.DASHBOARDS_DIR, () => {
        if (this.timer) clearTimeout(this.timer);
        this.timer = setTimeout(() => this.reload(), RELOAD_DEBOUNCE_MS);
      });
    } catch (err) {
      this.logger.warn(
        { dir: this.env.DASHBOARDS_DIR, err: err instanceof Error ? err.message : String(err) },
        'dashboard files not watched',
      );
    }
  }

  onModuleDestroy(): void {
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.close();
  }

  /** Reads the folder again; keeps the configuration in use when the files do not validate. Returns whether it changed. */
  reload(): boolean {
    try {
      this.current = loadDashboardConfig(this.env.DASHBOARDS_DIR, this.catalog.catalog);
      this.logger.log({ dashboards: this.current.dashboards.length }, 'dashboard configuration reloaded');
      return true;
    } catch (err) {
      const problems = err instanceof DashboardConfigError ? err.problems.map(formatProblem) : [String(err)];
      this.logger.error(
        { problems },
        'dashboard configuration not reloaded: the last good configuration stays in use',
      );
      return false;
    }
  }
}
