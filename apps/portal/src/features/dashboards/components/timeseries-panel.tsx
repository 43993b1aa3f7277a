'use client';

import { useCallback, useId, useMemo } from 'react';
import { extent, line, max, scaleLinear, scaleOrdinal, scaleTime, schemeTableau10 } from 'd3';
import { useTranslations } from 'next-intl';
import type { PanelPoint, TimeseriesPanelData } from '@portico/domain';
import { formatUsage, unitScale } from '@/features/usage/usage-format';
import { formatTimeTick } from '@/lib/format';
import { useFormat } from '@/lib/use-format';
import styles from '../dashboards.module.css';
import { useElementWidth } from './use-element-width';

const MARGIN = { top: 10, right: 12, bottom: 26, left: 64 } as const;

/** Name of a series in legends and tables: the metric's label, and the service when drawn per service. */
export function seriesName(
  s: TimeseriesPanelData['series'][number],
  serviceWord: (service: string) => string,
): string {
  return s.service === null ? s.label : `${s.label} · ${serviceWord(s.service)}`;
}

/** {@link seriesName} in the page's language. */
export function useSeriesName(): (s: TimeseriesPanelData['series'][number]) => string {
  const t = useTranslations('dashboards.chart');
  return useCallback((s) => seriesName(s, (service) => t('service', { service })), [t]);
}

/**
 * A timeseries panel drawn with d3 scales and shapes, rendered by React: one line per series (colours from d3's
 * Tableau 10). A gauge's projection to the end of the billing period is dashed (the axis reaches at most half the
 * range past its end; the rest is clipped) and the limit of a single gauge is a red dashed line when on scale. A
 * counter's points are per-bucket sums, so its projection and limit (period totals) are given in words below the
 * chart instead. Raw points (aggregation off) are drawn as dots.
 */
export function TimeseriesPanel({ data, height }: { data: TimeseriesPanelData; height: number }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const t = useTranslations('dashboards.chart');
  const f = useFormat();
  const nameOf = useSeriesName();
  const innerWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  // Text below the chart (legend, axis label, counters' projections) takes rows of the panel's height.
  const counterLines = data.series.filter(
    (s) => s.kind === 'counter' && (s.projection || s.limit !== null),
  ).length;
  const textRows = 1 + counterLines + (data.series.length > 1 ? Math.ceil(data.series.length / 3) : 0);
  const svgHeight = Math.max(100, height - 18 * textRows);
  const innerHeight = Math.max(40, svgHeight - MARGIN.top - MARGIN.bottom);
  const unit = data.series[0]?.unit ?? 'count';
  const raw = data.bucket === 'raw';
  const clipId = useId();

  const chart = useMemo(() => {
    const all = data.series.flatMap((s) => s.points);
    const [t0, t1] = extent(all, (p) => Date.parse(p.at));
    const start = Date.parse(data.meta.from);
    const rangeEnd = Date.parse(data.meta.to);
    const gaugeProjections = data.series.filter((s) => s.kind === 'gauge' && s.projection);
    const projectionEnd = max(gaugeProjections, (s) => Date.parse(s.projection!.periodEnd));
    const end = Math.max(rangeEnd, Math.min(projectionEnd ?? 0, rangeEnd + (rangeEnd - start) / 2));
    const x = scaleTime()
      .domain([Math.min(start, t0 ?? start), Math.max(end, t1 ?? end)])
      .range([0, innerWidth]);
    const single = data.series.length === 1 ? data.series[0] : undefined;
    const top = Math.max(
      max(all, (p) => p.max ?? p.value) ?? 0,
      max(gaugeProjections, (s) => s.projection?.value) ?? 0,
    );
    const limit = single?.kind === 'gauge' ? single.limit : null;
    const limitOnScale = limit !== null && limit <= Math.max(top * 2.5, 1);
    const yTop = Math.max(top, limitOnScale && limit !== null ? limit : 0);
    const step = unitScale(unit, yTop);
    const yUnits = scaleLinear()
      .domain([0, yTop > 0 ? (yTop / step) * 1.1 : 1])
      .nice(4);
    const y = scaleLinear()
      .domain([0, (yUnits.domain()[1] ?? 1) * step])
      .range([innerHeight, 0]);
    const colour = scaleOrdinal<string, string>(schemeTableau10);
    const path = line<PanelPoint>()
      .x((p) => x(Date.parse(p.at)))
      .y((p) => y(p.value));
    const series = data.series.map((s) => {
      const last = s.points[s.points.length - 1];
      const projection =
        s.kind === 'gauge' && s.projection && last
          ? `M${x(Date.parse(last.at))},${y(last.value)}L${x(Date.parse(s.projection.periodEnd))},${y(s.projection.value)}`
          : null;
      return {
        key: `${s.metric}:${s.service ?? ''}`,
        name: nameOf(s),
        colour: colour(`${s.metric}:${s.service ?? ''}`),
        d: raw ? null : path(s.points),
        points: s.points,
        projection,
      };
    });
    const xTicks = x.ticks(Math.max(2, Math.floor(innerWidth / 100))).filter((t) => x(t) <= innerWidth - 20);
    const yTicks = yUnits.ticks(4).map((t) => t * step);
    return {
      x,
      y,
      series,
      xTicks,
      xFormat: (t: Date) => formatTimeTick(t, f.locale),
      yTicks,
      limit: limitOnScale ? limit : null,
    };
  }, [data, innerWidth, innerHeight, unit, raw, nameOf, f.locale]);

  const pointCount = data.series.reduce((n, s) => n + s.points.length, 0);
  return (
    <div ref={ref} className={styles.chart}>
      {width > 0 && (
        <svg
          width={width}
          height={svgHeight}
          role="img"
          aria-label={t('label', {
            label: data.yLabel,
            series: data.series.length,
            points: pointCount,
            raw: raw ? 'yes' : 'no',
          })}
          data-testid="timeseries-chart"
        >
          <defs>
            <clipPath id={clipId}>
              <rect width={innerWidth} height={innerHeight + 1} />
            </clipPath>
          </defs>
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {chart.yTicks.map((tick) => (
              <g key={tick} transform={`translate(0,${chart.y(tick)})`}>
                <line x2={innerWidth} className={styles.gridLine} />
                <text x={-6} dy="0.32em" textAnchor="end" className={styles.tick}>
                  {formatUsage(tick, unit, { short: true, digits: 1, locale: f.locale })}
                </text>
              </g>
            ))}
            {chart.xTicks.map((tick) => (
              <text
                key={tick.getTime()}
                x={chart.x(tick)}
                y={innerHeight + 16}
                textAnchor="middle"
                className={styles.tick}
              >
                {chart.xFormat(tick)}
              </text>
            ))}
            {chart.limit !== null && (
              <line
                x1={0}
                x2={innerWidth}
                y1={chart.y(chart.limit)}
                y2={chart.y(chart.limit)}
                className={styles.limit}
              />
            )}
            {chart.series.map((s) => (
              <g key={s.key} clipPath={`url(#${clipId})`}>
                {s.d && <path d={s.d} fill="none" stroke={s.colour} strokeWidth={1.75} />}
                {raw &&
                  s.points.map((p, i) => (
                    <circle
                      key={i}
                      cx={chart.x(Date.parse(p.at))}
                      cy={chart.y(p.value)}
                      r={1.75}
                      fill={s.colour}
                    />
                  ))}
                {s.projection && (
                  <path
                    d={s.projection}
                    fill="none"
                    stroke={s.colour}
                    strokeWidth={1.5}
                    strokeDasharray="5 4"
                  />
                )}
              </g>
            ))}
          </g>
        </svg>
      )}
      {chart.series.length > 1 && (
        <ul className={styles.legend}>
          {chart.series.map((s) => (
            <li key={s.key}>
              <span className={styles.swatch} style={{ background: s.colour }} aria-hidden="true" />
              {s.name}
            </li>
          ))}
        </ul>
      )}
      <p className={styles.axisLabel}>
        {data.yLabel}
        {chart.series.some((s) => s.projection) ? ` · ${t('dashedProjection')}` : ''}
        {chart.limit !== null ? ` · ${t('redLimit')}` : ''}
      </p>
      {data.series
        .filter((s) => s.kind === 'counter' && (s.projection || s.limit !== null))
        .map((s) => (
          <p key={`${s.metric}:${s.service ?? ''}`} className={styles.axisLabel}>
            {nameOf(s)}:{' '}
            {[
              s.projection
                ? t('projected', { value: formatUsage(s.projection.value, s.unit, { locale: f.locale }) })
                : null,
              s.limit !== null
                ? t('limit', { value: formatUsage(s.limit, s.unit, { locale: f.locale }) })
                : null,
            ]
              .filter(Boolean)
              .join(', ')}
          </p>
        ))}
    </div>
  );
}
