import Papa from 'papaparse';
import type { UsageSeries } from '@portico/domain';

/** CSV of a series: `timestamp,average_bytes,min_bytes,max_bytes` (RFC 4180 quoting by papaparse). */
export function usageSeriesToCsv(series: UsageSeries): string {
  return Papa.unparse({
    fields: ['timestamp', 'average_bytes', 'min_bytes', 'max_bytes'],
    data: series.points.map((p) => [p.at, Math.round(p.value), Math.round(p.min), Math.round(p.max)]),
  });
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
