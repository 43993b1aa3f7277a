import { redactUrl } from './redact-url';

describe('redactUrl (access log lines)', () => {
  it('masks email addresses in query values, encoded or not', () => {
    const line = redactUrl(
      '/api/v1/accounts/a/audit-events?actor=owner%40acme.example&limit=50&q=jane@globex.example',
    );
    expect(line).not.toContain('owner');
    expect(line).not.toContain('jane');
    expect(line).toContain('limit=50');
    expect(line).toContain(encodeURIComponent('o***@acme.example'));
  });

  it('redacts secret-named parameters and token-like values, keeps the path and ordinary values', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXZhbHVlLTEyMw';
    const line = redactUrl(
      `/api/v1/auth/oidc/callback?code=abc123&state=xyz&session_state=s1&next=${jwt}&page=2`,
    );
    expect(line.startsWith('/api/v1/auth/oidc/callback?')).toBe(true);
    for (const secret of ['abc123', 'xyz', jwt]) expect(line).not.toContain(secret);
    expect(line).toContain('page=2');
    expect(redactUrl('/health')).toBe('/health');
    expect(redactUrl('/x?bad=%E0%A4%A')).toBe('/x?bad=[redacted]');
  });
});
