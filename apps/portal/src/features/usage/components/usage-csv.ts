import Papa from 'papaparse';
import type { UsageSeries } from '@portico/domain';

/** One CSV cell; `null` is written as an empty cell. */
export type CsvCell = string | number | null;

/**
 * Builds RFC 4180 CSV text (papaparse): rows end in CRLF; a cell holding a comma, a double quote or a line break is
 * quoted, with inner quotes doubled. Text cells starting with `=`, `+`, `-`, `@`, tab or CR are prefixed with `'` so a
 * spreadsheet does not run them as formulas; numbers are written as they are.
 */
export function toCsv(fields: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  return Papa.unparse(
    { fields: [...fields], data: rows.map((row) => [...row]) },
    { newline: '\r\n', escapeFormulae: true },
  );
}

/** CSV of a series: `timestamp,average_bytes,min_bytes,max_bytes`, one row per point, bytes rounded to integers. */
export function usageSeriesToCsv(series: UsageSeries): string {
  return toCsv(
    ['timestamp', 'average_bytes', 'min_bytes', 'max_bytes'],
    series.points.map((p) => [p.at, Math.round(p.value), Math.round(p.min), Math.round(p.max)]),
  );
}

/** Starts a browser download of `text` as a CSV file. */
export function downloadCsv(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1_000);
}
