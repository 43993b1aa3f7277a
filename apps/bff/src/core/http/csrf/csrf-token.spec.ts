import { issueCsrfToken, verifyCsrfToken } from './csrf-token';

describe('CSRF tokens', () => {
  const secret = 's'.repeat(40);

  it('verify for their own session only', () => {
    const token = issueCsrfToken(secret, 'session-a');
    expect(verifyCsrfToken(secret, token, 'session-a')).toBe(true);
    expect(verifyCsrfToken(secret, token, 'session-b')).toBe(false);
    expect(verifyCsrfToken('t'.repeat(40), token, 'session-a')).toBe(false);
  });

  it('refuse forged and malformed tokens', () => {
    const [nonce] = issueCsrfToken(secret, 'session-a').split('.');
    expect(verifyCsrfToken(secret, `${nonce}.AAAA`, 'session-a')).toBe(false);
    expect(verifyCsrfToken(secret, 'garbage', 'session-a')).toBe(false);
    expect(verifyCsrfToken(secret, 'a.b.c', 'session-a')).toBe(false);
    expect(issueCsrfToken(secret, 'x')).not.toBe(issueCsrfToken(secret, 'x'));
  });
});
