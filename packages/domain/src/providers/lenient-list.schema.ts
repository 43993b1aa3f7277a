import { z } from 'zod';
import { formatZodIssues } from '../common/zod-issues.mapper';

/** A list element that did not match its schema and was left out: its position and what was wrong. */
export interface SkippedRecord {
  /** 0-based position in the upstream list. */
  index: number;
  /** Id of the record when it has a readable `id`/`Id`, else null. */
  id: string | null;
  /** Up to three zod issues, `path: message`. */
  issues: string;
}

const skippedByList = new WeakMap<readonly unknown[], SkippedRecord[]>();

/**
 * The records a {@link lenientArraySchema} left out of `list` (empty when none, or when `list` did not come from
 * one). Callers log them: one malformed upstream record must not hide the others.
 */
export function skippedRecordsOf(list: readonly unknown[]): SkippedRecord[] {
  return skippedByList.get(list) ?? [];
}

function recordId(value: unknown): string | null {
  if (typeof value !== 'object' || value === null) return null;
  const id = (value as Record<string, unknown>).id ?? (value as Record<string, unknown>).Id;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
}

/**
 * An array whose malformed elements are skipped rather than failing the whole payload. The parsed output holds
 * the valid elements in order; {@link skippedRecordsOf} tells which were left out and why.
 */
export function lenientArraySchema<T extends z.ZodType>(item: T) {
  return z.array(z.unknown()).transform((values): z.output<T>[] => {
    const items: z.output<T>[] = [];
    const skipped: SkippedRecord[] = [];
    values.forEach((value, index) => {
      const parsed = item.safeParse(value);
      if (parsed.success) {
        items.push(parsed.data);
        return;
      }
      skipped.push({
        index,
        id: recordId(value),
        issues: formatZodIssues(parsed.error.issues, 3, '(record)'),
      });
    });
    if (skipped.length > 0) skippedByList.set(items, skipped);
    return items;
  });
}

/** Every list reachable from `value` at most `depth` levels down whose records were skipped, with its key path. */
export function collectSkippedRecords(
  value: unknown,
  depth = 3,
  path = '',
): { path: string; skipped: SkippedRecord[] }[] {
  if (depth < 0 || typeof value !== 'object' || value === null) return [];
  const found: { path: string; skipped: SkippedRecord[] }[] = [];
  if (Array.isArray(value)) {
    const skipped = skippedRecordsOf(value);
    if (skipped.length > 0) found.push({ path: path || '(root)', skipped });
    value.forEach((v, i) => found.push(...collectSkippedRecords(v, depth - 1, `${path}[${i}]`)));
    return found;
  }
  for (const [key, v] of Object.entries(value))
    found.push(...collectSkippedRecords(v, depth - 1, path ? `${path}.${key}` : key));
  return found;
}
