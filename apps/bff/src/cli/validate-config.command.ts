import { loadMetricCatalog, MetricCatalogError } from '../modules/usage/catalog/metric-catalog';
import {
  DashboardConfigError,
  formatProblem,
  loadDashboardConfig,
} from '../modules/dashboards/dashboard-config';
import type { CliIo } from './portico-cli';

/**
 * `portico-cli validate-config [--dashboards <dir>] [--metrics <file>]`: validates the metric catalog and every
 * dashboard file as the BFF does at start-up. Prints each problem as `file:line:column message` on stderr and
 * returns 1 when there is any; prints a summary and returns 0 otherwise.
 */
export function validateConfig(paths: { dashboardsDir: string; metricsFile: string }, io: CliIo): number {
  let catalog;
  try {
    catalog = loadMetricCatalog(paths.metricsFile);
  } catch (err) {
    io.stderr(`${err instanceof MetricCatalogError ? err.message : String(err)}\n`);
    return 1;
  }
  try {
    const config = loadDashboardConfig(paths.dashboardsDir, catalog);
    io.stdout(
      `${paths.metricsFile}: ${catalog.metrics.length} metrics\n${paths.dashboardsDir}: ${config.dashboards.length} dashboards, ${config.dashboards.reduce((n, d) => n + d.panels.length, 0)} panels: valid\n`,
    );
    return 0;
  } catch (err) {
    if (!(err instanceof DashboardConfigError)) throw err;
    for (const p of err.problems) io.stderr(`${formatProblem(p)}\n`);
    io.stderr(`${err.problems.length} problem${err.problems.length === 1 ? '' : 's'}\n`);
    return 1;
  }
}
