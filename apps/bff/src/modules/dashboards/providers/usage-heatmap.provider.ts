import { z } from 'zod';
import { AppException } from '../../../core/http/app.exception';
import { MetricCatalogService } from '../../usage/catalog/metric-catalog';
import { UsageStore } from '../../usage/usage-store.port';
import { panelTranslator, type PanelTranslator } from '../i18n/panel-translator';
import {
  PanelProvider,
  type ImagePanelProvider,
  type PanelProviderContext,
  type RenderedImage,
} from './panel-provider';

const DAY_MS = 86_400_000;
const CELL = 12;
const GAP = 2;
const LEFT = 30;
const TOP = 18;
/** Colour ramp, empty day first (light to dark green; readable on light and dark backgrounds). */
const RAMP = ['#e5e7eb', '#bbf7d0', '#4ade80', '#16a34a', '#166534'];
/** Weekday rows labelled (Monday first): Monday, Wednesday, Friday. */
const LABELLED_WEEKDAYS = [0, 2, 4];

const params = z
  .object({
    /** The catalog metric shown (its daily rollup: counter sum, gauge average, across services). */
    metric: z.string(),
    /** Days shown, ending with the day of the range's end (7 to 371). */
    days: z.number().int().min(7).max(371).default(91),
  })
  .strict();
type Params = z.infer<typeof params>;

/** Escapes text for SVG (XML) content and attribute values. */
export function escapeXml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );
}

/**
 * Level 0 (no use) to 4 of `value` within the days' range `[min, max]` of days with use (four equal steps, so a
 * steady series still shows its quieter and busier days; all days equal: level 4).
 */
export function heatLevel(value: number, min: number, max: number): number {
  if (value <= 0 || max <= 0) return 0;
  if (max <= min) return 4;
  return Math.min(4, 1 + Math.floor(((value - min) / (max - min)) * 3.999));
}

/**
 * Draws a calendar heatmap: one column per ISO week (Monday first), one cell per UTC day, coloured by
 * {@link heatLevel}; every cell carries a `<title>` with the date and the value. `values` maps a day (epoch ms of
 * 00:00 UTC) to its value; missing days are empty. Month and weekday names, dates, the legend and "no data" are in
 * `translator`'s language (default English); `format` writes a value.
 */
export function renderCalendarHeatmap(input: {
  start: Date;
  days: number;
  values: ReadonlyMap<number, number>;
  label: string;
  format: (v: number) => string;
  translator?: PanelTranslator;
}): RenderedImage {
  const tr = input.translator ?? panelTranslator('en');
  const first = Math.floor(input.start.getTime() / DAY_MS) * DAY_MS;
  const weekdayOf = (t: number) => (new Date(t).getUTCDay() + 6) % 7;
  const offset = weekdayOf(first);
  const weeks = Math.ceil((offset + input.days) / 7);
  // The legend's words differ in length by language: "Less" starts it, the ramp follows it (about 6 px a letter).
  const less = tr.text('heatmap.less');
  const more = tr.text('heatmap.more');
  const rampX = LEFT + Math.max(30, less.length * 6 + 6);
  const moreX = rampX + RAMP.length * (CELL + GAP) + 2;
  const width = Math.max(LEFT + weeks * (CELL + GAP) + 4, moreX + more.length * 6 + 4);
  const height = TOP + 7 * (CELL + GAP) + 26;
  const used = [...input.values.values()].filter((v) => v > 0);
  const max = Math.max(0, ...used);
  const min = Math.min(max, ...used);
  const cells: string[] = [];
  const months: string[] = [];
  let lastMonth = -1;
  for (let i = 0; i < input.days; i++) {
    const t = first + i * DAY_MS;
    const slot = offset + i;
    const x = LEFT + Math.floor(slot / 7) * (CELL + GAP);
    const y = TOP + (slot % 7) * (CELL + GAP);
    const d = new Date(t);
    if (d.getUTCMonth() !== lastMonth && d.getUTCDate() <= 7) {
      lastMonth = d.getUTCMonth();
      months.push(`<text x="${x}" y="${TOP - 6}">${escapeXml(tr.monthShort(d))}</text>`);
    }
    const value = input.values.get(t) ?? 0;
    const title = tr.text('heatmap.cell', {
      date: tr.date(d),
      value: input.values.has(t) ? input.format(value) : tr.text('heatmap.noData'),
    });
    cells.push(
      `<rect x="${x}" y="${y}" width="${CELL}" height="${CELL}" rx="2" fill="${RAMP[heatLevel(value, min, max)]}"><title>${escapeXml(title)}</title></rect>`,
    );
  }
  // 2026-11-02 is a Monday: the names of the labelled weekdays in the language.
  const labels = LABELLED_WEEKDAYS.map(
    (i) =>
      `<text x="0" y="${TOP + i * (CELL + GAP) + CELL - 2}">${escapeXml(tr.weekdayShort(new Date(Date.UTC(2026, 10, 2 + i))))}</text>`,
  ).join('');
  const legendY = TOP + 7 * (CELL + GAP) + 8;
  const legend = RAMP.map(
    (c, i) =>
      `<rect x="${rampX + i * (CELL + GAP)}" y="${legendY}" width="${CELL}" height="${CELL}" rx="2" fill="${c}"/>`,
  ).join('');
  const body = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="${escapeXml(input.label)}">`,
    `<g font-family="system-ui, sans-serif" font-size="10" fill="#6b7280">${months.join('')}${labels}`,
    `<text x="${LEFT}" y="${legendY + 10}">${escapeXml(less)}</text><text x="${moreX}" y="${legendY + 10}">${escapeXml(more)}</text></g>`,
    cells.join(''),
    legend,
    '</svg>',
  ].join('');
  return { mediaType: 'image/svg+xml', body, width, height };
}

/**
 * `usage-heatmap` (image): a calendar heatmap of one metric's daily use (the daily rollups across services: counter
 * sums, gauge averages), the `days` days ending with the range's end, as SVG drawn on the server in the reader's
 * language (its label, month and weekday names, dates, values and legend).
 */
@PanelProvider({
  name: 'usage-heatmap',
  kind: 'image',
  params,
  permission: 'usage:read',
  description: "Calendar heatmap of a metric's daily usage (SVG)",
})
export class UsageHeatmapProvider implements ImagePanelProvider<Params> {
  constructor(
    private readonly catalog: MetricCatalogService,
    private readonly store: UsageStore,
  ) {}

  /** @throws AppException 400 when the metric is not in the catalog */
  async render(p: Params, ctx: PanelProviderContext): Promise<RenderedImage> {
    const metric = this.catalog.findIn(p.metric, ctx.locale);
    if (!metric)
      throw AppException.validation([
        { path: 'params.metric', message: `Unknown metric ${JSON.stringify(p.metric)}` },
      ]);
    const endDay = Math.floor((ctx.to.getTime() - 1) / DAY_MS) * DAY_MS;
    const start = new Date(endDay - (p.days - 1) * DAY_MS);
    const points = await this.store.series({
      accountId: ctx.account.accountId,
      metric: metric.key,
      kind: metric.kind,
      service: null,
      resolution: '1d',
      from: start,
      to: new Date(endDay + DAY_MS),
    });
    const values = new Map(points.map((pt) => [pt.at.getTime(), pt.value]));
    const tr = ctx.translator;
    return renderCalendarHeatmap({
      start,
      days: p.days,
      values,
      label: tr.text('heatmap.label', { metric: metric.label, days: p.days }),
      format: (v) => tr.metricValue(v, metric.unit),
      translator: tr,
    });
  }
}
