'use client';

import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { useTranslations } from 'next-intl';
import { area, bisector, line, max, scaleLinear, scaleTime } from 'd3';
import type { UsagePoint, UsageSeries } from '@portico/domain';
import { formatTimeTick } from '@/lib/format';
import { useFormat } from '@/lib/use-format';
import { formatUsage, unitScale } from '../usage-format';
import styles from './usage-chart.module.css';
import { cx } from '@/lib/cx';

const HEIGHT = 300;
const MARGIN = { top: 16, right: 16, bottom: 32, left: 72 } as const;

/** Width of an element, kept current with a ResizeObserver. */
function useElementWidth<T extends HTMLElement>(): [React.RefObject<T | null>, number] {
  const ref = useRef<T>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const observer = new ResizeObserver((entries) => {
      const entry = entries[0];
      if (entry) setWidth(Math.floor(entry.contentRect.width));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, width];
}

const pointTime = (p: UsagePoint) => Date.parse(p.at);
const timeBisector = bisector<UsagePoint, number>(pointTime);

/** A counter's points as its running total from the first point (the billing period's total so far). */
export function cumulative(points: readonly UsagePoint[]): UsagePoint[] {
  let total = 0;
  return points.map((p) => {
    total += p.value;
    return { at: p.at, value: total, min: null, max: null };
  });
}

/**
 * The chart of a usage series, d3 scales and shapes rendered by React. A gauge draws its averages with the min-max
 * band; a counter draws a bar per bucket, or with `cumulative` its running total (the billing period so far). The
 * limit is a red dashed line (when on scale), and a projection to the end of the period a dashed continuation with
 * its 95 % band. Width follows the container; the pointer shows the nearest point. The chart is one tab stop: arrow
 * keys (Home/End, PageUp/PageDown by ten) move between points, the focused point is drawn with a ring and its value and
 * time are announced through a polite live region.
 */
export function UsageChart({
  series,
  label,
  cumulative: asTotal = false,
}: {
  series: UsageSeries;
  label: string;
  cumulative?: boolean;
}) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const [hoverIndex, setHoverIndex] = useState<number | null>(null);
  const [keyboard, setKeyboard] = useState(false);
  const t = useTranslations('usage.chart');
  const f = useFormat();
  const liveId = useId();
  const innerWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const gauge = series.kind === 'gauge';
  const bars = !gauge && !asTotal;
  const points = useMemo(
    () => (asTotal ? cumulative(series.points) : series.points),
    [series.points, asTotal],
  );
  // A projection continues a gauge, or a counter's running total; not per-bucket bars.
  const projection = !bars ? series.projection : null;

  const chart = useMemo(() => {
    const start = Date.parse(series.from);
    const end = projection
      ? Math.max(Date.parse(series.to), Date.parse(projection.periodEnd))
      : Date.parse(series.to);
    const x = scaleTime().domain([start, end]).range([0, innerWidth]);
    const dataTop = Math.max(max(points, (p) => p.max ?? p.value) ?? 0, projection?.high ?? 0);
    const limitOnScale = series.limit !== null && (bars ? false : series.limit <= Math.max(dataTop * 2.5, 1));
    const top = Math.max(dataTop, limitOnScale && series.limit !== null ? series.limit : 0);
    const unit = unitScale(series.unit, top);
    const yUnits = scaleLinear()
      .domain([0, top > 0 ? (top / unit) * 1.1 : 1])
      .nice(5);
    const y = scaleLinear()
      .domain([0, (yUnits.domain()[1] ?? 1) * unit])
      .range([innerHeight, 0]);
    const linePath = bars
      ? null
      : line<UsagePoint>()
          .x((p) => x(pointTime(p)))
          .y((p) => y(p.value))(points);
    const bandPath = gauge
      ? area<UsagePoint>()
          .x((p) => x(pointTime(p)))
          .y0((p) => y(p.min ?? p.value))
          .y1((p) => y(p.max ?? p.value))(points)
      : null;
    const bucketPx = series.bucketMs ? Math.max(1, x(start + series.bucketMs) - x(start) - 1) : 2;
    const last = points[points.length - 1];
    let projectionPath: string | null = null;
    let projectionBand: string | null = null;
    if (projection && last) {
      const x0 = x(pointTime(last));
      const x1 = x(Date.parse(projection.periodEnd));
      projectionPath = `M${x0},${y(last.value)}L${x1},${y(projection.value)}`;
      projectionBand = `M${x0},${y(last.value)}L${x1},${y(projection.high)}L${x1},${y(projection.low)}Z`;
    }
    // Ticks too close to the right edge would run their label past it.
    const xTicks = x.ticks(Math.max(2, Math.floor(innerWidth / 110))).filter((t) => x(t) <= innerWidth - 24);
    const xFormat = (t: Date) => formatTimeTick(t, f.locale);
    const yTicks = yUnits.ticks(5).map((t) => t * unit);
    return {
      x,
      y,
      linePath,
      bandPath,
      bucketPx,
      xTicks,
      xFormat,
      yTicks,
      limitOnScale,
      projectionPath,
      projectionBand,
    };
  }, [series, points, projection, bars, gauge, innerWidth, innerHeight, f.locale]);

  const hover = hoverIndex === null ? undefined : points[hoverIndex];
  const fmt = (v: number, digits = 1) => formatUsage(v, series.unit, { digits, locale: f.locale });
  const last = points[points.length - 1];

  function onPointerMove(event: PointerEvent<SVGRectElement>) {
    if (points.length === 0) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const t = chart.x.invert(event.clientX - rect.left).getTime();
    setHoverIndex(timeBisector.center(points, t));
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (points.length === 0) return;
    const current = hoverIndex ?? points.length - 1;
    const lastIndex = points.length - 1;
    const next: Record<string, number> = {
      ArrowRight: Math.min(lastIndex, current + 1),
      ArrowUp: Math.min(lastIndex, current + 1),
      ArrowLeft: Math.max(0, current - 1),
      ArrowDown: Math.max(0, current - 1),
      PageUp: Math.min(lastIndex, current + 10),
      PageDown: Math.max(0, current - 10),
      Home: 0,
      End: lastIndex,
    };
    const index = next[event.key];
    if (index === undefined) return;
    event.preventDefault();
    setKeyboard(true);
    setHoverIndex(
      hoverIndex === null && (event.key === 'ArrowRight' || event.key === 'ArrowUp') ? lastIndex : index,
    );
  }

  const announcement = hover
    ? t('pointValue', {
        value: fmt(hover.value, 2),
        at: f.dateTime(hover.at),
        position: (hoverIndex ?? 0) + 1,
        count: points.length,
      })
    : '';

  return (
    // The chart is one composite widget: a single tab stop whose arrow keys move between points (announced below).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <div
      className={styles.chart}
      ref={containerRef}
      tabIndex={points.length > 0 ? 0 : undefined}
      role="group"
      aria-roledescription={t('roleDescription')}
      aria-label={t('keyboardLabel', { label })}
      data-testid="usage-chart-focus"
      onKeyDown={onKeyDown}
      onFocus={() => {
        if (hoverIndex === null && points.length > 0) setHoverIndex(points.length - 1);
        setKeyboard(true);
      }}
      onBlur={() => {
        setKeyboard(false);
        setHoverIndex(null);
      }}
    >
      <p
        className="visually-hidden"
        id={liveId}
        aria-live="polite"
        aria-atomic="true"
        data-testid="usage-chart-announcement"
      >
        {keyboard ? announcement : ''}
      </p>
      {width > 0 ? (
        <svg
          width={width}
          height={HEIGHT}
          role="img"
          aria-label={[
            t('summary', { label, count: points.length }),
            last ? t('latest', { value: fmt(last.value) }) : null,
            projection
              ? t('projected', { value: fmt(projection.value), date: f.date(projection.periodEnd) })
              : null,
            t('tableHint'),
          ]
            .filter((part) => part !== null)
            .join(' ')}
          data-testid="usage-chart"
          data-points={points.length}
          data-last-value={last?.value ?? ''}
          data-kind={series.kind}
        >
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {chart.yTicks.map((t) => (
              <g key={`y${t}`} transform={`translate(0,${chart.y(t)})`}>
                <line className={styles.grid} x1={0} x2={innerWidth} />
                <text className={styles.tick} x={-8} dy="0.32em" textAnchor="end">
                  {formatUsage(t, series.unit, { digits: 1, short: true })}
                </text>
              </g>
            ))}
            {chart.xTicks.map((t) => (
              <g key={`x${t.getTime()}`} transform={`translate(${chart.x(t)},${innerHeight})`}>
                <line className={styles.axisTick} y2={5} />
                <text className={styles.tick} y={18} textAnchor="middle">
                  {chart.xFormat(t)}
                </text>
              </g>
            ))}
            <line className={styles.axis} x1={0} x2={innerWidth} y1={innerHeight} y2={innerHeight} />
            {chart.bandPath ? <path className={styles.band} d={chart.bandPath} /> : null}
            {chart.projectionBand ? (
              <path
                className={styles.projectionBand}
                d={chart.projectionBand}
                data-testid="usage-projection-band"
              />
            ) : null}
            {bars
              ? points.map((p) => (
                  <rect
                    key={p.at}
                    className={styles.bar}
                    x={chart.x(pointTime(p))}
                    y={chart.y(p.value)}
                    width={chart.bucketPx}
                    height={Math.max(0, innerHeight - chart.y(p.value))}
                  />
                ))
              : null}
            {chart.linePath ? (
              <path className={styles.line} d={chart.linePath} data-testid="usage-line" />
            ) : null}
            {chart.projectionPath ? (
              <path className={styles.projection} d={chart.projectionPath} data-testid="usage-projection" />
            ) : null}
            {chart.limitOnScale && series.limit !== null ? (
              <g data-testid="usage-limit-line">
                <line
                  className={styles.limit}
                  x1={0}
                  x2={innerWidth}
                  y1={chart.y(series.limit)}
                  y2={chart.y(series.limit)}
                />
                <text
                  className={styles.limitLabel}
                  x={innerWidth - 4}
                  y={chart.y(series.limit) - 6}
                  textAnchor="end"
                >
                  {t('limit', { value: fmt(series.limit) })}
                </text>
              </g>
            ) : null}
            {hover ? (
              <g transform={`translate(${chart.x(pointTime(hover))},0)`}>
                <line className={styles.cursor} y1={0} y2={innerHeight} />
                <circle
                  className={cx(styles.dot, keyboard && styles.dotFocus)}
                  cy={chart.y(hover.value)}
                  r={keyboard ? 6 : 4}
                />
              </g>
            ) : null}
            <rect
              width={innerWidth}
              height={innerHeight}
              fill="transparent"
              onPointerMove={onPointerMove}
              onPointerLeave={() => setHoverIndex(null)}
            />
          </g>
        </svg>
      ) : (
        <div style={{ height: HEIGHT }} />
      )}
      {hover ? (
        <div
          className={styles.tooltip}
          style={{
            left: Math.min(Math.max(MARGIN.left + chart.x(pointTime(hover)), 90), Math.max(90, width - 90)),
          }}
          aria-hidden="true"
        >
          <span className="strong">{fmt(hover.value, 2)}</span>
          {hover.min !== null && hover.max !== null ? (
            <span className="muted small">{t('minMax', { min: fmt(hover.min), max: fmt(hover.max) })}</span>
          ) : null}
          <span className="muted small">{f.dateTime(hover.at)}</span>
        </div>
      ) : null}
    </div>
  );
}
