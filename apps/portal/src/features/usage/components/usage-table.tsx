import type { UsageSeries } from '@portico/domain';
import { formatBytes, formatDateTime } from '@/lib/format';

/** The series as a table: time, average, min, max (newest first). */
export function UsageTable({ series }: { series: UsageSeries }) {
  const rows = [...series.points].reverse();
  return (
    <div className="table-scroll table-scroll--tall" tabIndex={0} role="region" aria-label="Usage values">
      <table className="table" data-testid="usage-table">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col" className="num">
              Average
            </th>
            <th scope="col" className="num">
              Min
            </th>
            <th scope="col" className="num">
              Max
            </th>
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
              <td className="num">{formatBytes(p.value, 2)}</td>
              <td className="num">{formatBytes(p.min, 2)}</td>
              <td className="num">{formatBytes(p.max, 2)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
