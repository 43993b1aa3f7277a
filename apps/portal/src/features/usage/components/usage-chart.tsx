'use client';

import { useEffect, useMemo, useRef, useState, type PointerEvent } from 'react';
import { area, bisector, line, max, scaleLinear, scaleTime } from 'd3';
import type { UsagePoint, UsageSeries } from '@portico/domain';
import { formatBytes, formatDateTime } from '@/lib/format';

const HEIGHT = 300;
const MARGIN = { top: 16, right: 16, bottom: 32, left: 64 } as const;

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

/**
 * Line chart of a usage series (averages) with a min/max band. Scales and shapes come from d3; React renders the
 * SVG. Width follows the container; pointer or keyboard focus shows the nearest point.
 */
export function UsageChart({ series, label }: { series: UsageSeries; label: string }) {
  const [containerRef, width] = useElementWidth<HTMLDivElement>();
  const [hoverIndex, setHoverIndex] = useState<number | null>(null);
  const innerWidth = Math.max(0, width - MARGIN.left - MARGIN.right);
  const innerHeight = HEIGHT - MARGIN.top - MARGIN.bottom;

  const chart = useMemo(() => {
    const x = scaleTime()
      .domain([Date.parse(series.from), Date.parse(series.to)])
      .range([0, innerWidth]);
    const top = max(series.points, (p) => p.max) ?? 0;
    // Tick in whole display units (KB, MB, GB are powers of 1024), so labels read 10 GB, 20 GB, not 9.3 GB.
    const unitBytes = top > 0 ? 1024 ** Math.max(0, Math.floor(Math.log(top) / Math.log(1024))) : 1;
    const yUnits = scaleLinear()
      .domain([0, top > 0 ? (top / unitBytes) * 1.1 : 1])
      .nice(5);
    const y = scaleLinear()
      .domain([0, (yUnits.domain()[1] ?? 1) * unitBytes])
      .range([innerHeight, 0]);
    const linePath = line<UsagePoint>()
      .x((p) => x(pointTime(p)))
      .y((p) => y(p.value))(series.points);
    const bandPath = area<UsagePoint>()
      .x((p) => x(pointTime(p)))
      .y0((p) => y(p.min))
      .y1((p) => y(p.max))(series.points);
    const xTicks = x.ticks(Math.max(2, Math.floor(innerWidth / 110)));
    const xFormat = x.tickFormat();
    const yTicks = yUnits.ticks(5).map((t) => t * unitBytes);
    return { x, y, linePath, bandPath, xTicks, xFormat, yTicks };
  }, [series, innerWidth, innerHeight]);

  const hover = hoverIndex === null ? undefined : series.points[hoverIndex];

  function onPointerMove(event: PointerEvent<SVGRectElement>) {
    if (series.points.length === 0) return;
    const rect = event.currentTarget.getBoundingClientRect();
    const t = chart.x.invert(event.clientX - rect.left).getTime();
    setHoverIndex(timeBisector.center(series.points, t));
  }

  return (
    <div className="chart" ref={containerRef}>
      {width > 0 ? (
        <svg
          width={width}
          height={HEIGHT}
          role="img"
          aria-label={`${label} over time, ${series.points.length} points. Use the table view for exact values.`}
          data-testid="usage-chart"
        >
          <g transform={`translate(${MARGIN.left},${MARGIN.top})`}>
            {chart.yTicks.map((t) => (
              <g key={`y${t}`} transform={`translate(0,${chart.y(t)})`}>
                <line className="chart__grid" x1={0} x2={innerWidth} />
                <text className="chart__tick" x={-8} dy="0.32em" textAnchor="end">
                  {formatBytes(t, 1)}
                </text>
              </g>
            ))}
            {chart.xTicks.map((t) => (
              <g key={`x${t.getTime()}`} transform={`translate(${chart.x(t)},${innerHeight})`}>
                <line className="chart__axis-tick" y2={5} />
                <text className="chart__tick" y={18} textAnchor="middle">
                  {chart.xFormat(t)}
                </text>
              </g>
            ))}
            <line className="chart__axis" x1={0} x2={innerWidth} y1={innerHeight} y2={innerHeight} />
            {chart.bandPath ? <path className="chart__band" d={chart.bandPath} /> : null}
            {chart.linePath ? <path className="chart__line" d={chart.linePath} data-testid="usage-line" /> : null}
            {hover ? (
              <g transform={`translate(${chart.x(pointTime(hover))},0)`}>
                <line className="chart__cursor" y1={0} y2={innerHeight} />
                <circle className="chart__dot" cy={chart.y(hover.value)} r={4} />
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
          className="chart__tooltip"
          style={{
            left: Math.min(Math.max(MARGIN.left + chart.x(pointTime(hover)), 90), Math.max(90, width - 90)),
          }}
          aria-hidden="true"
        >
          <span className="strong">{formatBytes(hover.value, 2)}</span>
          <span className="muted small">
            min {formatBytes(hover.min, 1)} · max {formatBytes(hover.max, 1)}
          </span>
          <span className="muted small">{formatDateTime(hover.at)}</span>
        </div>
      ) : null}
    </div>
  );
}

