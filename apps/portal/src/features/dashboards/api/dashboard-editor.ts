import {
  DEFAULT_PANEL_SIZE,
  GRID_COLUMNS,
  type DashboardVisibility,
  type GridPosition,
  type Panel,
  type PanelInput,
} from '@portico/domain';

/**
 * Panels the editor offers besides the ones of the dashboard being viewed: one of each kind that reads Portico's
 * own resources and the demo catalog's metrics (the BFF checks every metric against the catalog on save).
 */
export const PANEL_PALETTE: readonly PanelInput[] = [
  {
    id: 'api-requests',
    type: 'kpi',
    title: 'API requests in range',
    measure: 'usage_total',
    metric: 'api_requests',
    decimals: 0,
    gridPos: { x: 0, y: 0 },
  },
  {
    id: 'bandwidth-total',
    type: 'kpi',
    title: 'Bandwidth in range',
    measure: 'usage_total',
    metric: 'bandwidth',
    gridPos: { x: 0, y: 0 },
  },
  {
    id: 'disk-trend',
    type: 'timeseries',
    title: 'Disk used',
    metrics: ['disk'],
    gridPos: { x: 0, y: 0 },
  },
  {
    id: 'upstreams',
    type: 'health_status',
    title: 'Upstream systems',
    sources: ['upstreams'],
    gridPos: { x: 0, y: 0 },
  },
  {
    id: 'invoices',
    type: 'table',
    title: 'Invoices',
    source: 'invoices',
    gridPos: { x: 0, y: 0 },
  },
];

/** The editor's state: a dashboard being composed (panels with full grid positions). */
export interface DraftDashboard {
  name: string;
  title: string;
  description: string;
  visibility: DashboardVisibility;
  panels: Panel[];
}

/** A panel id not yet used in `panels`, from `base` (`base`, `base-2`, `base-3`, ...). */
export function freeId(panels: readonly Pick<Panel, 'id'>[], base: string): string {
  const taken = new Set(panels.map((p) => p.id));
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) {
    const id = `${base.slice(0, 60)}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** Appends `template` below every panel (left edge, its own or its type's default size, a fresh id). */
export function addPanel(panels: readonly Panel[], template: PanelInput | Panel): Panel[] {
  const size = DEFAULT_PANEL_SIZE[template.type];
  const w = template.gridPos.w ?? size.w;
  const h = template.gridPos.h ?? size.h;
  const y = panels.reduce((max, p) => Math.max(max, p.gridPos.y + p.gridPos.h), 0);
  const panel = {
    ...template,
    id: freeId(panels, template.id),
    gridPos: { x: 0, y, w, h },
  } as Panel;
  return [...panels, panel];
}

/**
 * Changes one panel's grid position: `x`/`w` clamped to the 12 columns (`x + w <= 12`), `y >= 0`, `h` 1-24.
 * Overlaps are left for the schema to report, so the person editing sees what collides.
 */
export function placePanel(panels: readonly Panel[], index: number, change: Partial<GridPosition>): Panel[] {
  return panels.map((p, i) => {
    if (i !== index) return p;
    const next = { ...p.gridPos, ...change };
    const w = Math.min(Math.max(1, Math.round(next.w)), GRID_COLUMNS);
    const x = Math.min(Math.max(0, Math.round(next.x)), GRID_COLUMNS - w);
    const y = Math.max(0, Math.round(next.y));
    const h = Math.min(Math.max(1, Math.round(next.h)), 24);
    return { ...p, gridPos: { x, y, w, h } };
  });
}

/** A dashboard name from a title: lower-case letters, digits and `-`, starting with a letter. */
export function nameFromTitle(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '')
    .slice(0, 64);
  return slug || 'my-dashboard';
}
