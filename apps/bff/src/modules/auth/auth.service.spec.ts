import { generate } from 'otplib';
import { hashPassword } from '../../core/auth/password-hasher';
import { authWorld, META } from '../../../test/fakes/auth-world';
import { rejection } from '../../../test/fakes/rejection';
import { INVALID_CREDENTIALS, type IssuedSession } from './auth.service';

const PASSWORD = 'correct horse battery staple';

async function world(overrides: Record<string, string> = {}) {
  const w = authWorld(overrides);
  const user = w.repository.addUser({
    email: 'ada@acme.example',
    passwordHash: await hashPassword(PASSWORD),
  });
  return { ...w, user };
}

async function signedIn(w: Awaited<ReturnType<typeof world>>): Promise<IssuedSession> {
  const outcome = await w.auth.login({ email: 'ADA@acme.example ', password: PASSWORD }, META);
  if (outcome.kind !== 'session') throw new Error('expected a session');
  return outcome.session;
}

describe('AuthService', () => {
  it('signs in with email (any case) and password: one session ending JWT_REFRESH_TTL_SECONDS after login', async () => {
    const w = await world({ JWT_REFRESH_TTL_SECONDS: '3600' });
    const session = await signedIn(w);
    expect(session.expiresAt).toEqual(new Date(w.clock.nowMs() + 3_600_000));
    expect(w.tokens.verifyAccessToken(session.accessToken)).toEqual({
      userId: w.user.id,
      email: 'ada@acme.example',
      sessionId: session.sessionId,
    });
    expect([...w.repository.sessions.keys()]).toEqual([session.sessionId]);
    expect(w.audit.actions()).toEqual(['auth.login_succeeded']);
  });

  it('answers unknown emails and wrong passwords alike, and audits why without the full email', async () => {
    const w = await world();
    const unknown = await rejection(w.auth.login({ email: 'nobody@acme.example', password: PASSWORD }, META));
    const wrong = await rejection(
      w.auth.login({ email: 'ada@acme.example', password: 'not it at all' }, { ...META, ip: '198.51.100.1' }),
    );
    expect(unknown).toEqual({ status: 401, code: 'unauthenticated', message: INVALID_CREDENTIALS });
    expect(wrong).toEqual(unknown);
    expect(w.audit.records.map((r) => r.metadata?.reason)).toEqual(['unknown_email', 'wrong_password']);
    expect(JSON.stringify(w.audit.records)).not.toContain('ada@acme.example');
    expect(w.repository.sessions.size).toBe(0);
  });

  it('locks an IP and email out after LOGIN_MAX_FAILURES_PER_MINUTE failures, even for the right password, until the lockout ends', async () => {
    const w = await world({ LOGIN_MAX_FAILURES_PER_MINUTE: '3', LOGIN_LOCKOUT_BASE_MS: '60000' });
    for (let i = 0; i < 3; i += 1)
      await rejection(w.auth.login({ email: 'ada@acme.example', password: 'wrong' }, META));
    expect(w.audit.actions()).toContain('auth.login_locked');
    const locked = await rejection(w.auth.login({ email: 'ada@acme.example', password: PASSWORD }, META));
    expect(locked).toMatchObject({ status: 429, code: 'rate_limited' });
    // Another address is not locked out by this one's failures.
    await expect(
      w.auth.login({ email: 'ada@acme.example', password: PASSWORD }, { ...META, ip: '198.51.100.9' }),
    ).resolves.toMatchObject({ kind: 'session' });
    w.clock.advance(60_001);
    await expect(
      w.auth.login({ email: 'ada@acme.example', password: PASSWORD }, META),
    ).resolves.toMatchObject({ kind: 'session' });
  });

  it('asks for a second factor when two-factor is on, and starts the session only with a valid code', async () => {
    const w = await world();
    const enrolment = await w.mfa.startEnrolment(w.user.id);
    const secret = enrolment.manualEntryKey.replace(/ /g, '');
    const at = (periods: number) =>
      generate({ secret, epoch: Math.floor(w.clock.nowMs() / 1000) + 30 * periods });
    await w.mfa.confirmEnrolment(w.user.id, await at(0));
    w.clock.advance(60_000);

    const outcome = await w.auth.login({ email: 'ada@acme.example', password: PASSWORD }, META);
    if (outcome.kind !== 'mfa') throw new Error('expected a challenge');
    expect(w.repository.sessions.size).toBe(0);
    expect(await rejection(w.auth.verifyMfa(undefined, { code: await at(0) }, META))).toMatchObject({
      status: 401,
    });
    expect(
      await rejection(w.auth.verifyMfa(outcome.challengeToken, { code: await at(-2) }, META)),
    ).toMatchObject({ status: 401, message: 'The code is not valid' });
    const session = await w.auth.verifyMfa(outcome.challengeToken, { code: await at(0) }, META);
    expect(w.repository.sessions.has(session.sessionId)).toBe(true);
    expect(w.audit.actions()).toEqual(['auth.mfa_failed', 'auth.login_succeeded']);
    expect(w.audit.records.at(-1)?.metadata).toEqual({ mfa: 'totp' });
  });

  it('rotates a refresh token within the same session and absolute end', async () => {
    const w = await world();
    const first = await signedIn(w);
    w.clock.advance(10 * 60_000);
    const second = await w.auth.refresh(first.refreshToken, META);
    expect(second.sessionId).toBe(first.sessionId);
    expect(second.expiresAt).toEqual(first.expiresAt);
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(w.repository.sessions.get(first.sessionId)?.lastSeenAt).toEqual(w.clock.now());
  });

  it('treats a second use of a rotated refresh token as theft: the whole session ends and is denylisted', async () => {
    const w = await world();
    const first = await signedIn(w);
    const second = await w.auth.refresh(first.refreshToken, META);
    expect(await rejection(w.auth.refresh(first.refreshToken, META))).toMatchObject({ status: 401 });
    expect(await rejection(w.auth.refresh(second.refreshToken, META))).toMatchObject({ status: 401 });
    expect(w.revocations.revoked.has(first.sessionId)).toBe(true);
    expect(w.audit.actions()).toContain('auth.refresh_reused');
  });

  it('refuses a refresh token after the session ends, and unknown or missing ones', async () => {
    const w = await world({ JWT_REFRESH_TTL_SECONDS: '600' });
    const session = await signedIn(w);
    w.clock.advance(600_000);
    expect(await rejection(w.auth.refresh(session.refreshToken, META))).toMatchObject({ status: 401 });
    expect(await rejection(w.auth.refresh(undefined, META))).toMatchObject({ status: 401 });
    expect(await rejection(w.auth.refresh('x'.repeat(40), META))).toMatchObject({ status: 401 });
  });

  it('logs out: the session is revoked and denylisted; unknown tokens are not an error', async () => {
    const w = await world();
    const session = await signedIn(w);
    await w.auth.logout(session.refreshToken, META);
    expect(w.repository.sessions.get(session.sessionId)?.revokedAt).toEqual(w.clock.now());
    expect(w.revocations.revoked.has(session.sessionId)).toBe(true);
    await expect(w.auth.logout('unknown', META)).resolves.toBeUndefined();
    expect(await rejection(w.auth.refresh(session.refreshToken, META))).toMatchObject({ status: 401 });
  });
});
