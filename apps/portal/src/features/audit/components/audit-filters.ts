import { auditActionLabel, auditActionSchema, type AuditAction, type AuditEventQuery } from '@portico/domain';
import { accountApiPath } from '@/lib/account-paths';

/** The filters of the audit page as the URL holds them: `YYYY-MM-DD` days in the viewer's time zone, '' for none. */
export type AuditFilterState = {
  action: string;
  actor: string;
  fromDay: string;
  toDay: string;
  page: number;
};

/** Action choices of the filter, labelled in plain words. */
export const AUDIT_ACTION_OPTIONS: readonly { value: AuditAction; label: string }[] =
  auditActionSchema.options.map((value) => ({
    value,
    label: auditActionLabel(value),
  }));

const DAY = /^\d{4}-\d{2}-\d{2}$/;

function one(value: string | string[] | undefined): string {
  return typeof value === 'string' ? value : '';
}

/** Reads the filter state from search parameters; anything malformed is dropped. */
export function parseAuditFilters(
  params: Record<string, string | string[] | undefined>,
  page: number,
): AuditFilterState {
  const action = one(params.action);
  const fromDay = one(params.fromDay);
  const toDay = one(params.toDay);
  return {
    action: auditActionSchema.safeParse(action).success ? action : '',
    actor: one(params.actor).slice(0, 320),
    fromDay: DAY.test(fromDay) ? fromDay : '',
    toDay: DAY.test(toDay) ? toDay : '',
    page,
  };
}

/** Local midnight of a `YYYY-MM-DD` day as an ISO timestamp; `plusDays` shifts it. */
export function dayStartIso(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
}

/** The API query of a filter state: the `to` day is inclusive (its end is the next day's start). */
export function auditQueryOf(state: AuditFilterState, pageSize: number): AuditEventQuery {
  return {
    page: state.page,
    pageSize,
    action: state.action ? (state.action as AuditAction) : undefined,
    actor: state.actor.trim() || undefined,
    from: state.fromDay ? dayStartIso(state.fromDay) : undefined,
    to: state.toDay ? dayStartIso(state.toDay, 1) : undefined,
  };
}

/** Same-origin URL of the CSV export of the filtered log (paging left out: the export holds every match). */
export function auditCsvUrl(accountId: string, query: AuditEventQuery): string {
  const params = new URLSearchParams();
  for (const key of ['action', 'actor', 'from', 'to'] as const) {
    const value = query[key];
    if (value) params.set(key, value);
  }
  const qs = params.toString();
  return `${accountApiPath(accountId, 'audit-events.csv')}${qs ? `?${qs}` : ''}`;
}
