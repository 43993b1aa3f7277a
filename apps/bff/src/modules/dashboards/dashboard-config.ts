import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import {
  checkDashboardReferences,
  dashboardFileSchema,
  DEFAULT_DASHBOARD_NAME,
  scopeRank,
  type DashboardFile,
  type MetricCatalog,
  type Panel,
} from '@portico/domain';
import Mustache from 'mustache';
import { isNode, LineCounter, parseDocument, type Document } from 'yaml';
import { panelProviderRegistry } from './providers';

/** One problem of a dashboard file, at its source position (1-based line and column). */
export interface ConfigProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** Formats a problem as `file:line:column message` (the form editors and CI annotate). */
export const formatProblem = (p: ConfigProblem): string => `${p.file}:${p.line}:${p.column} ${p.message}`;

/** Thrown when the dashboard configuration is invalid; lists every problem of every file. */
export class DashboardConfigError extends Error {
  constructor(readonly problems: readonly ConfigProblem[]) {
    super(`Invalid dashboard configuration:\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'DashboardConfigError';
  }
}

/** A validated dashboard file and where it came from. */
export interface LoadedDashboard extends DashboardFile {
  file: string;
}

/** The validated configuration: every dashboard file of the folder. */
export interface DashboardConfig {
  dashboards: readonly LoadedDashboard[];
  loadedAt: Date;
}

/** The position of the node at `pathParts` in `doc`, or of its nearest existing ancestor. */
function positionOf(
  doc: Document,
  lines: LineCounter,
  pathParts: ReadonlyArray<PropertyKey>,
): { line: number; column: number } {
  for (let n = pathParts.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(pathParts.slice(0, n) as unknown[], true);
    if (isNode(node) && node.range) {
      const pos = lines.linePos(node.range[0]);
      return { line: pos.line, column: pos.col };
    }
  }
  return { line: 1, column: 1 };
}

const readablePath = (parts: ReadonlyArray<PropertyKey>): string =>
  parts.length === 0 ? '' : `${parts.map(String).join('.')}: `;

/**
 * Validates one dashboard file's text: YAML syntax, {@link dashboardFileSchema}, catalog references (every metric
 * in `catalog`), custom panel providers (registered, parameters valid for the provider, template syntax). Every
 * problem carries the YAML source position of the value at fault.
 */
export function validateDashboardText(
  file: string,
  text: string,
  catalog: MetricCatalog,
): { dashboard: LoadedDashboard | null; problems: ConfigProblem[] } {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      dashboard: null,
      problems: doc.errors.map((e) => {
        const pos = lines.linePos(e.pos[0]);
        return {
          file,
          line: pos.line,
          column: pos.col,
          message: `YAML: ${e.message.split('\n')[0] ?? e.code}`,
        };
      }),
    };
  }
  const at = (parts: ReadonlyArray<PropertyKey>, message: string): ConfigProblem => ({
    file,
    ...positionOf(doc, lines, parts),
    message: `${readablePath(parts)}${message}`,
  });
  const parsed = dashboardFileSchema.safeParse(doc.toJS());
  if (!parsed.success)
    return { dashboard: null, problems: parsed.error.issues.map((i) => at(i.path, i.message)) };
  const dashboard = parsed.data;
  const problems = checkDashboardSemantics(dashboard, catalog).map((i) => at(i.path, i.message));
  return { dashboard: problems.length === 0 ? { ...dashboard, file } : null, problems };
}

/**
 * What the schema cannot check of a schema-valid dashboard (a file or a saved one): every metric in `catalog`
 * (per-service panels on per-service metrics), every custom panel's provider registered for its type with valid
 * parameters and a parsable template. Each issue's `path` is inside the dashboard (`panels.<i>...`).
 */
export function checkDashboardSemantics(
  dashboard: Pick<DashboardFile, 'panels'>,
  catalog: MetricCatalog,
): Array<{ path: PropertyKey[]; message: string }> {
  const keys = new Set(catalog.metrics.map((m) => m.key));
  const perService = new Set(catalog.metrics.filter((m) => m.perService).map((m) => m.key));
  const issues: Array<{ path: PropertyKey[]; message: string }> = checkDashboardReferences(
    dashboard as DashboardFile,
    keys,
    perService,
  );
  dashboard.panels.forEach((panel, i) =>
    issues.push(
      ...checkProvider(panel, keys).map((p) => ({ path: ['panels', i, ...p.path], message: p.message })),
    ),
  );
  return issues;
}

/** A custom panel's provider: registered for the panel's type, its parameters valid, its template parsable. */
function checkProvider(
  panel: Panel,
  metricKeys: ReadonlySet<string>,
): Array<{ path: PropertyKey[]; message: string }> {
  if (panel.type !== 'template' && panel.type !== 'image') return [];
  const provider = panelProviderRegistry.get(panel.provider);
  if (!provider)
    return [
      {
        path: ['provider'],
        message: `unknown panel provider ${JSON.stringify(panel.provider)} (registered: ${panelProviderRegistry.names().join(', ')})`,
      },
    ];
  if (provider.kind !== panel.type)
    return [
      {
        path: ['provider'],
        message: `provider ${panel.provider} renders ${provider.kind} panels, not ${panel.type}`,
      },
    ];
  const out: Array<{ path: PropertyKey[]; message: string }> = [];
  const params = provider.params.safeParse(panel.params);
  if (!params.success)
    out.push(...params.error.issues.map((i) => ({ path: ['params', ...i.path], message: i.message })));
  // A provider parameter named `metric` is a catalog metric, checked like the panels' own.
  const metric = panel.params.metric;
  if (typeof metric === 'string' && !metricKeys.has(metric))
    out.push({ path: ['params', 'metric'], message: `unknown metric ${JSON.stringify(metric)}` });
  if (panel.type === 'template') {
    // The template and each language's translation of it.
    const templates: Array<[PropertyKey[], string]> = [[['template'], panel.template]];
    for (const [language, texts] of Object.entries(panel.translations ?? {}))
      if (texts?.template !== undefined)
        templates.push([['translations', language, 'template'], texts.template]);
    for (const [path, template] of templates) {
      try {
        Mustache.parse(template);
      } catch (err) {
        out.push({ path, message: `template: ${err instanceof Error ? err.message : String(err)}` });
      }
    }
  }
  return out;
}

/**
 * Reads and validates every `*.yaml`/`*.yml` file of `dir` (one dashboard per file): each file as in
 * {@link validateDashboardText}, then across files: no two files with the same name and scope, and a `default`
 * dashboard scoped to all accounts.
 * @throws DashboardConfigError listing every problem (`file:line:column message`)
 */
export function loadDashboardConfig(
  dir: string,
  catalog: MetricCatalog,
  now: Date = new Date(),
): DashboardConfig {
  let names: string[];
  try {
    names = readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort();
  } catch (err) {
    throw new DashboardConfigError([
      {
        file: dir,
        line: 1,
        column: 1,
        message: `cannot be read: ${err instanceof Error ? err.message : String(err)}`,
      },
    ]);
  }
  const problems: ConfigProblem[] = [];
  const dashboards: LoadedDashboard[] = [];
  for (const name of names) {
    const file = path.join(dir, name);
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      problems.push({
        file,
        line: 1,
        column: 1,
        message: `cannot be read: ${err instanceof Error ? err.message : String(err)}`,
      });
      continue;
    }
    const result = validateDashboardText(file, text, catalog);
    problems.push(...result.problems);
    if (result.dashboard) dashboards.push(result.dashboard);
  }
  const seen = new Map<string, string>();
  for (const d of dashboards) {
    const key = `${d.name}|${JSON.stringify(d.scope)}`;
    const other = seen.get(key);
    if (other !== undefined)
      problems.push({
        file: d.file,
        line: 1,
        column: 1,
        message: `dashboard ${d.name} with this scope is also defined in ${other}`,
      });
    else seen.set(key, d.file);
  }
  if (
    problems.length === 0 &&
    !dashboards.some((d) => d.name === DEFAULT_DASHBOARD_NAME && scopeRank(d.scope) === 0)
  ) {
    problems.push({
      file: dir,
      line: 1,
      column: 1,
      message: `a dashboard named ${DEFAULT_DASHBOARD_NAME} scoped to all accounts is required`,
    });
  }
  if (problems.length > 0) throw new DashboardConfigError(problems);
  return { dashboards, loadedAt: now };
}

/** What decides which dashboards an account sees: its id and the WHMCS products of its active services. */
export interface DashboardAudience {
  accountId: string;
  products: ReadonlySet<string>;
}

/**
 * The dashboards `audience` sees: per name, the most specific file that applies (one account over a product over
 * all accounts), ordered by `order` then title.
 */
export function dashboardsFor(config: DashboardConfig, audience: DashboardAudience): LoadedDashboard[] {
  const best = new Map<string, LoadedDashboard>();
  for (const d of config.dashboards) {
    const s = d.scope;
    const applies =
      'all' in s ||
      ('account' in s && s.account === audience.accountId) ||
      ('product' in s && audience.products.has(s.product));
    if (!applies) continue;
    const current = best.get(d.name);
    if (!current || scopeRank(d.scope) > scopeRank(current.scope)) best.set(d.name, d);
  }
  return [...best.values()].sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
}
