import type { CaseListQuery } from '@portico/domain';

/** The tabs of the case list. */
export const CASE_FILTERS: readonly { value: CaseListQuery['state']; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Closed' },
  { value: 'all', label: 'All' },
];

/** Reads a tab value from the URL; the default is `open`. */
export function parseCaseState(value: unknown): CaseListQuery['state'] {
  return CASE_FILTERS.find((f) => f.value === value)?.value ?? 'open';
}
