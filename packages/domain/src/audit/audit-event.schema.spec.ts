import { auditActionLabel, auditEventQuerySchema } from './audit-event.schema';

describe('audit event schemas', () => {
  it('labels known actions in plain words and humanizes unknown ones', () => {
    expect(auditActionLabel('auth.login_failed')).toBe('Failed sign-in');
    expect(auditActionLabel('members.role_changed')).toBe('Members: role changed');
    expect(auditActionLabel('odd')).toBe('odd');
  });

  it('parses the query: blank filters are unset, bad ones name their field', () => {
    expect(auditEventQuerySchema.parse({ action: '', actor: ' ', page: '2' })).toEqual({
      page: 2,
      pageSize: 20,
    });
    const bad = auditEventQuerySchema.safeParse({
      action: 'nope',
      from: '2026-02-01T00:00:00Z',
      to: '2026-01-01T00:00:00Z',
    });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toEqual(['action']);
    const range = auditEventQuerySchema.safeParse({
      from: '2026-02-01T00:00:00Z',
      to: '2026-01-01T00:00:00Z',
    });
    expect(range.error?.issues.map((i) => i.path.join('.'))).toEqual(['from']);
  });
});
