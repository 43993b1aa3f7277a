import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A CSRF token bound to one session: `<nonce>.<HMAC-SHA256(secret, sessionId + "." + nonce)>` (base64url parts;
 * the signed double-submit cookie pattern). It cannot be made without the secret, and is worthless for another
 * session.
 */
export function issueCsrfToken(secret: string, sessionId: string): string {
  const nonce = randomBytes(16).toString('base64url');
  return `${nonce}.${sign(secret, sessionId, nonce)}`;
}

/** Whether `token` was issued by {@link issueCsrfToken} for `sessionId` (constant-time compare). */
export function verifyCsrfToken(secret: string, token: string, sessionId: string): boolean {
  const [nonce, mac, extra] = token.split('.');
  if (!nonce || !mac || extra !== undefined) return false;
  const expected = Buffer.from(sign(secret, sessionId, nonce));
  const given = Buffer.from(mac);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

function sign(secret: string, sessionId: string, nonce: string): string {
  return createHmac('sha256', secret).update(`${sessionId}.${nonce}`).digest('base64url');
}
