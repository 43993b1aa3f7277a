import { JwtService } from '@nestjs/jwt';
import { loadEnv } from '../config/env';
import { hashRefreshToken, sessionIdOfRefreshToken, TokenService } from './token.service';

describe('TokenService', () => {
  const env = loadEnv({
    JWT_ACCESS_SECRET: 'x'.repeat(40),
    JWT_ACCESS_TTL_SECONDS: '60',
    JWT_REFRESH_TTL_SECONDS: '120',
  });
  const service = new TokenService(new JwtService({}), env);
  const user = {
    userId: '5b1f0c3e-0000-4000-9000-000000000001',
    email: 'owner@acme.example',
    sessionId: '5b1f0c3e-0000-4000-9000-0000000000aa',
  };

  it('signs access tokens that verify back to the session', () => {
    expect(service.verifyAccessToken(service.signAccessToken(user))).toEqual(user);
  });

  it('carries the account whose identity provider asserted a second factor, and only then', () => {
    const withMfa = { ...user, mfaAccountId: '44444444-4444-4444-8444-444444444444' };
    expect(service.verifyAccessToken(service.signAccessToken(withMfa))).toEqual(withMfa);
    expect(service.verifyAccessToken(service.signAccessToken(user))).not.toHaveProperty('mfaAccountId');
  });

  it('rejects tokens signed with another secret, tampered or garbage', () => {
    const other = new TokenService(new JwtService({}), { ...env, JWT_ACCESS_SECRET: 'y'.repeat(40) });
    const token = other.signAccessToken(user);
    expect(service.verifyAccessToken(token)).toBeNull();
    const good = service.signAccessToken(user);
    const [h, , s] = good.split('.');
    const forgedPayload = Buffer.from(JSON.stringify({ sub: 'someone-else', email: 'x@y.z' })).toString(
      'base64url',
    );
    expect(service.verifyAccessToken(`${h}.${forgedPayload}.${s}`)).toBeNull();
    expect(service.verifyAccessToken('garbage')).toBeNull();
  });

  it('rejects expired tokens', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    try {
      const token = service.signAccessToken(user);
      jest.setSystemTime(new Date('2026-01-01T00:01:01Z'));
      expect(service.verifyAccessToken(token)).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('remembers a verified token, but never past its expiry', () => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
    try {
      const token = service.signAccessToken(user);
      expect(service.verifyAccessToken(token)).toEqual(user);
      expect(service.verifyAccessToken(token)).toEqual(user);
      jest.setSystemTime(new Date('2026-01-01T00:01:01Z'));
      expect(service.verifyAccessToken(token)).toBeNull();
    } finally {
      jest.useRealTimers();
    }
  });

  it('mints distinct refresh tokens stored only as their sha256', () => {
    const now = new Date('2026-01-01T00:00:00Z');
    const a = service.issueRefreshToken(user.sessionId, now);
    const b = service.issueRefreshToken(user.sessionId, now);
    expect(sessionIdOfRefreshToken(a.token)).toBe(user.sessionId);
    expect(sessionIdOfRefreshToken('no-session-part')).toBeNull();
    expect(a.token).not.toBe(b.token);
    expect(a.token.length).toBeGreaterThanOrEqual(43);
    expect(a.hash).toBe(hashRefreshToken(a.token));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.expiresAt.toISOString()).toBe('2026-01-01T00:02:00.000Z');
    // A rotation keeps the family's absolute end.
    const end = new Date('2026-01-01T00:01:00Z');
    expect(
      service.issueRefreshToken(user.sessionId, new Date('2026-01-01T00:00:30Z'), end).expiresAt,
    ).toEqual(end);
  });

  it('signs two-factor challenges that never pass as access tokens, and vice versa', () => {
    const challenge = service.signMfaChallenge(user.userId);
    expect(service.verifyMfaChallenge(challenge)).toBe(user.userId);
    expect(service.verifyAccessToken(challenge)).toBeNull();
    expect(service.verifyMfaChallenge(service.signAccessToken(user))).toBeNull();
  });
});
