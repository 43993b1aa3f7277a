import { describe, expect, it } from '@jest/globals';
import { auditCsvUrl, auditQueryOf, dayStartIso, parseAuditFilters } from './audit-filters';

describe('audit filters', () => {
  it('reads the URL state, dropping malformed values', () => {
    expect(
      parseAuditFilters(
        { action: 'auth.logout', actor: 'a@b.example', fromDay: '2026-01-02', toDay: 'soon' },
        3,
      ),
    ).toEqual({
      action: 'auth.logout',
      actor: 'a@b.example',
      fromDay: '2026-01-02',
      toDay: '',
      page: 3,
    });
    expect(parseAuditFilters({ action: 'nope' }, 1).action).toBe('');
  });

  it('makes the to day inclusive and builds the CSV URL of the filtered set without paging', () => {
    const query = auditQueryOf(
      { action: '', actor: ' x@y.example ', fromDay: '2026-01-01', toDay: '2026-01-01', page: 2 },
      10,
    );
    expect(query).toEqual({
      page: 2,
      pageSize: 10,
      action: undefined,
      actor: 'x@y.example',
      from: dayStartIso('2026-01-01'),
      to: dayStartIso('2026-01-02'),
    });
    expect(Date.parse(query.to!) - Date.parse(query.from!)).toBeGreaterThanOrEqual(23 * 3_600_000);
    expect(auditCsvUrl('acc 1', query)).toBe(
      `/api/v1/accounts/acc%201/audit-events.csv?actor=x%40y.example&from=${encodeURIComponent(query.from!)}&to=${encodeURIComponent(query.to!)}`,
    );
  });
});
