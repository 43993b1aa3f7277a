import type { UsageSeries } from '@portico/domain';
import { formatDateTime } from '@/lib/format';
import { formatUsage } from '../usage-format';

/** The series as a table, newest first: gauges time, average, min, max; counters time and sum. */
export function UsageTable({ series }: { series: UsageSeries }) {
  const rows = [...series.points].reverse();
  const gauge = series.kind === 'gauge';
  const fmt = (v: number | null) => (v === null ? '–' : formatUsage(v, series.unit, { digits: 2 }));
  return (
    <div className="table-scroll table-scroll--tall" tabIndex={0} role="region" aria-label="Usage values">
      <table className="table" data-testid="usage-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col" className="num">
              {gauge ? 'Average' : 'Total'}
            </th>
            {gauge ? (
              <>
                <th scope="col" className="num">
                  Min
                </th>
                <th scope="col" className="num">
                  Max
                </th>
              </>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.at}>
              <td>
                <time dateTime={p.at} suppressHydrationWarning>
                  {formatDateTime(p.at)}
                </time>
              </td>
              <td className="num">{fmt(p.value)}</td>
              {gauge ? (
                <>
                  <td className="num">{fmt(p.min)}</td>
                  <td className="num">{fmt(p.max)}</td>
                </>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
