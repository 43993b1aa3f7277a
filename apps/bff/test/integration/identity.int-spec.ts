import { createHash, randomBytes } from 'node:crypto';
import {
  apiErrorSchema,
  loginResultSchema,
  meSchema,
  mfaEnrolmentSchema,
  mfaRecoveryCodesSchema,
  mfaStatusSchema,
  sessionListSchema,
} from '@portico/domain';
import { generate } from 'otplib';
import type { Client } from 'pg';
import { createAccount, createUser } from '../factories/account.factory';
import { testDb } from '../factories/db';
import { cookieHeader, sessionHeaders, setCookieValue } from '../support/login';
import { createTestApp, type TestApp } from '../support/test-app';
import { eventually } from '../support/eventually';

const json = { 'content-type': 'application/json' };
const CHROME_UA =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36';

/** A TOTP code of the period after the current one (accepted within the ±30 s tolerance, and newer than any used). */
const nextCode = (secret: string, periodsAhead = 1): Promise<string> =>
  generate({ secret, epoch: Math.floor(Date.now() / 1000) + 30 * periodsAhead });

describe('identity: sessions, CSRF, two-factor, passwords, abuse controls (integration)', () => {
  let t: TestApp;
  let db: Client;

  beforeAll(async () => {
    t = await createTestApp();
    db = await testDb();
  });
  afterAll(async () => {
    await db.end();
    await t.close();
  });

  const login = (url: string, email: string, password: string, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/v1/auth/login`, {
      method: 'POST',
      headers: { ...json, ...headers },
      body: JSON.stringify({ email, password }),
    });
  const signIn = async (email: string, password: string, ua = CHROME_UA): Promise<string> => {
    const res = await login(t.url, email, password, { 'user-agent': ua });
    expect(res.status).toBe(200);
    return cookieHeader(res);
  };
  const freshUser = async () => {
    const account = await createAccount(db);
    return {
      account,
      ...(await createUser(db, {
        password: 'quiet-harbour-lantern-77',
        memberships: [{ accountId: account.id, role: 'owner' }],
      })),
    };
  };
  const auditCount = async (action: string, actor: string): Promise<number> =>
    (
      await db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM audit_events WHERE action = $1 AND actor_user_id = $2',
        [action, actor],
      )
    ).rows[0]!.n;

  describe('cookies', () => {
    it('sets every cookie HttpOnly (but the CSRF one), SameSite=Lax, Path=/, without Domain, on plain-http localhost', async () => {
      const user = await freshUser();
      const res = await login(t.url, user.email, user.password);
      const cookies = res.headers.getSetCookie();
      expect(cookies.map((c) => c.split('=')[0]).sort()).toEqual([
        'portico_at',
        'portico_csrf',
        'portico_mfa',
        'portico_rt',
      ]);
      for (const c of cookies) {
        expect(c).toMatch(/; Path=\/(;|$)/);
        expect(c).toMatch(/; SameSite=Lax/);
        expect(c).not.toMatch(/Domain=/i);
        if (c.startsWith('portico_csrf=')) expect(c).not.toMatch(/HttpOnly/);
        else expect(c).toMatch(/; HttpOnly/);
      }
    });

    it('prefixes every cookie __Host- and marks it Secure when COOKIE_SECURE is on', async () => {
      const secure = await createTestApp({
        COOKIE_SECURE: true,
        PORTAL_ORIGIN: 'https://portal.example.com',
      });
      try {
        const user = await freshUser();
        const res = await login(secure.url, user.email, user.password);
        expect(res.status).toBe(200);
        const cookies = res.headers.getSetCookie();
        expect(cookies).toHaveLength(4);
        for (const c of cookies) {
          expect(c).toMatch(/^__Host-portico_(at|rt|csrf|mfa)=/);
          expect(c).toMatch(/; Secure/);
          expect(c).toMatch(/; Path=\/(;|$)/);
          expect(c).toMatch(/; SameSite=Lax/);
          expect(c).not.toMatch(/Domain=/i);
        }
        // The prefixed cookies authenticate and carry the CSRF token.
        const cookie = cookieHeader(res);
        expect((await fetch(`${secure.url}/api/v1/me`, { headers: { cookie } })).status).toBe(200);
        expect(
          (
            await fetch(`${secure.url}/api/v1/auth/sessions`, {
              method: 'DELETE',
              headers: sessionHeaders(cookie),
            })
          ).status,
        ).toBe(204);
        expect(
          (await fetch(`${secure.url}/api/v1/auth/sessions`, { method: 'DELETE', headers: { cookie } }))
            .status,
        ).toBe(403);
      } finally {
        await secure.close();
      }
    });
  });

  describe('CSRF', () => {
    it('refuses a state-changing request with session cookies but no or a wrong CSRF token (403 csrf_failed)', async () => {
      const user = await freshUser();
      const cookie = await signIn(user.email, user.password);
      const missing = await fetch(`${t.url}/api/v1/auth/sessions`, { method: 'DELETE', headers: { cookie } });
      expect(missing.status).toBe(403);
      const body = apiErrorSchema.parse(await missing.json());
      expect(body.code).toBe('csrf_failed');
      expect(body.message).toMatch(/x-csrf-token/);

      // The token of another session does not do, even when cookie and header agree.
      const other = await signIn(user.email, user.password);
      const foreign = /portico_csrf=([^;]+)/.exec(other)![1]!;
      const swapped = cookie.replace(/portico_csrf=[^;]+/, `portico_csrf=${foreign}`);
      const wrong = await fetch(`${t.url}/api/v1/auth/sessions`, {
        method: 'DELETE',
        headers: { cookie: swapped, 'x-csrf-token': foreign },
      });
      expect(wrong.status).toBe(403);
      expect(apiErrorSchema.parse(await wrong.json()).code).toBe('csrf_failed');

      // Header and cookie must match.
      const mismatch = await fetch(`${t.url}/api/v1/auth/sessions`, {
        method: 'DELETE',
        headers: { cookie, 'x-csrf-token': foreign },
      });
      expect(mismatch.status).toBe(403);

      // Account-scoped mutations too.
      const caseRes = await fetch(`${t.url}/api/v1/accounts/${user.account.id}/cases`, {
        method: 'POST',
        headers: { ...json, cookie },
        body: JSON.stringify({ subject: 'x', description: 'y', priority: 'low' }),
      });
      expect(caseRes.status).toBe(403);
      expect(apiErrorSchema.parse(await caseRes.json()).code).toBe('csrf_failed');

      expect(
        (await fetch(`${t.url}/api/v1/auth/sessions`, { method: 'DELETE', headers: sessionHeaders(cookie) }))
          .status,
      ).toBe(204);
    });

    it('exempts requests authenticated otherwise (Bearer) and the signed webhooks', async () => {
      const user = await freshUser();
      const res = await login(t.url, user.email, user.password);
      const bearer = setCookieValue(res, 'portico_at')!;
      const viaBearer = await fetch(`${t.url}/api/v1/auth/sessions`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${bearer}` },
      });
      expect(viaBearer.status).toBe(204);
      const webhook = await fetch(`${t.url}/webhooks/whmcs`, {
        method: 'POST',
        headers: { ...json, cookie: cookieHeader(res) },
        body: '{}',
      });
      expect(webhook.status).not.toBe(403);
    });
  });

  describe('sessions', () => {
    it('lists sessions with device and IP, and a revoked session stops working at once (access and refresh)', async () => {
      const user = await freshUser();
      const a = await signIn(user.email, user.password);
      const b = await signIn(
        user.email,
        user.password,
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1',
      );
      const listed = sessionListSchema.parse(
        await (await fetch(`${t.url}/api/v1/auth/sessions`, { headers: { cookie: a } })).json(),
      ).sessions;
      expect(listed).toHaveLength(2);
      const current = listed.find((s) => s.current)!;
      const phone = listed.find((s) => !s.current)!;
      expect(current.device).toBe('Chrome 142 on Linux');
      expect(phone.device).toBe('Safari 18 on iOS');
      expect(current.ip).toBeTruthy();

      expect(
        (
          await fetch(`${t.url}/api/v1/auth/sessions/${phone.id}`, {
            method: 'DELETE',
            headers: sessionHeaders(a),
          })
        ).status,
      ).toBe(204);
      expect((await fetch(`${t.url}/api/v1/me`, { headers: { cookie: b } })).status).toBe(401);
      expect(
        (await fetch(`${t.url}/api/v1/auth/refresh`, { method: 'POST', headers: sessionHeaders(b) })).status,
      ).toBe(401);
      expect((await fetch(`${t.url}/api/v1/me`, { headers: { cookie: a } })).status).toBe(200);
      expect(await auditCount('auth.session_revoked', user.id)).toBe(1);

      // Another user's session id, an unknown one and a malformed one are all 404.
      const stranger = await freshUser();
      const s = await signIn(stranger.email, stranger.password);
      expect(
        (
          await fetch(`${t.url}/api/v1/auth/sessions/${current.id}`, {
            method: 'DELETE',
            headers: sessionHeaders(s),
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await fetch(`${t.url}/api/v1/auth/sessions/not-a-uuid`, {
            method: 'DELETE',
            headers: sessionHeaders(s),
          })
        ).status,
      ).toBe(404);
      expect((await fetch(`${t.url}/api/v1/me`, { headers: { cookie: a } })).status).toBe(200);
    });

    it('keeps the absolute end of a session across refreshes', async () => {
      const user = await freshUser();
      const first = await login(t.url, user.email, user.password);
      const rt1 = setCookieValue(first, 'portico_rt')!;
      const refreshed = await fetch(`${t.url}/api/v1/auth/refresh`, {
        method: 'POST',
        headers: sessionHeaders(cookieHeader(first)),
      });
      expect(refreshed.status).toBe(200);
      const rt2 = setCookieValue(refreshed, 'portico_rt')!;
      const hash = (v: string) => createHash('sha256').update(v).digest('hex');
      const rows = await db.query(
        'SELECT token_hash, expires_at FROM refresh_tokens WHERE token_hash = ANY($1)',
        [[hash(rt1), hash(rt2)]],
      );
      expect(rows.rowCount).toBe(2);
      expect(new Set(rows.rows.map((r: { expires_at: Date }) => r.expires_at.toISOString())).size).toBe(1);
    });
  });

  describe('two-factor', () => {
    it('enrols with a QR code, logs in in two steps, refuses a replayed code, and spends recovery codes once', async () => {
      const user = await freshUser();
      const cookie = await signIn(user.email, user.password);
      const enrolment = mfaEnrolmentSchema.parse(
        await (
          await fetch(`${t.url}/api/v1/auth/mfa/enrolment`, {
            method: 'POST',
            headers: sessionHeaders(cookie),
          })
        ).json(),
      );
      const secret = enrolment.manualEntryKey.replace(/\s/g, '');
      const stored = await db.query('SELECT mfa_pending_secret FROM users WHERE id = $1', [user.id]);
      expect(stored.rows[0].mfa_pending_secret).toMatch(/^v1\./);
      expect(stored.rows[0].mfa_pending_secret).not.toContain(secret);

      const confirm = (code: string) =>
        fetch(`${t.url}/api/v1/auth/mfa/enrolment/confirm`, {
          method: 'POST',
          headers: sessionHeaders(cookie, json),
          body: JSON.stringify({ code }),
        });
      const wrong = await confirm('000000');
      expect(wrong.status).toBe(400);
      const confirmed = await confirm(await generate({ secret }));
      expect(confirmed.status).toBe(200);
      expect(confirmed.headers.get('cache-control')).toBe('no-store');
      const { recoveryCodes } = mfaRecoveryCodesSchema.parse(await confirmed.json());
      expect(new Set(recoveryCodes).size).toBe(10);
      const hashes = await db.query('SELECT code_hash FROM mfa_recovery_codes WHERE user_id = $1', [user.id]);
      expect(hashes.rows.every((r: { code_hash: string }) => r.code_hash.startsWith('$argon2id$'))).toBe(
        true,
      );
      expect(await auditCount('auth.mfa_enabled', user.id)).toBe(1);
      const status = mfaStatusSchema.parse(
        await (await fetch(`${t.url}/api/v1/auth/mfa`, { headers: { cookie } })).json(),
      );
      expect(status).toMatchObject({ enabled: true, recoveryCodesRemaining: 10 });

      // Step one: the password gives a challenge cookie, no session.
      const step1 = await login(t.url, user.email, user.password);
      expect(loginResultSchema.parse(await step1.json())).toEqual({ mfaRequired: true });
      expect(step1.headers.getSetCookie().map((c) => c.split('=')[0])).toEqual(['portico_mfa']);
      const challenge = cookieHeader(step1);
      const verify = (challengeCookie: string, body: object) =>
        fetch(`${t.url}/api/v1/auth/mfa/verify`, {
          method: 'POST',
          headers: { ...json, cookie: challengeCookie },
          body: JSON.stringify(body),
        });

      const code = await nextCode(secret);
      const step2 = await verify(challenge, { code });
      expect(step2.status).toBe(200);
      expect(meSchema.parse(await step2.json()).user.mfaEnabled).toBe(true);
      expect(setCookieValue(step2, 'portico_at')).toBeTruthy();

      // The same code again (a fresh challenge) is a replay.
      const again = await login(t.url, user.email, user.password);
      const replay = await verify(cookieHeader(again), { code });
      expect(replay.status).toBe(401);
      expect(await auditCount('auth.mfa_failed', user.id)).toBe(1);

      // A recovery code works once.
      const recovery = await verify(cookieHeader(again), { recoveryCode: recoveryCodes[0]!.toUpperCase() });
      expect(recovery.status).toBe(200);
      const reused = await verify(cookieHeader(await login(t.url, user.email, user.password)), {
        recoveryCode: recoveryCodes[0],
      });
      expect(reused.status).toBe(401);
      expect(await auditCount('auth.mfa_recovery_code_used', user.id)).toBe(1);

      // No challenge, or a forged one: 401.
      expect((await verify('', { code: await nextCode(secret) })).status).toBe(401);
      expect((await verify('portico_mfa=forged', { code: await nextCode(secret) })).status).toBe(401);
      // Both or neither factor: 400.
      expect((await verify(challenge, {})).status).toBe(400);

      // Turning it off needs the password and a fresh code (or an unused recovery code).
      const disable = (body: object) =>
        fetch(`${t.url}/api/v1/auth/mfa/disable`, {
          method: 'POST',
          headers: sessionHeaders(cookie, json),
          body: JSON.stringify(body),
        });
      expect((await disable({ password: 'not-it', recoveryCode: recoveryCodes[1] })).status).toBe(400);
      expect((await disable({ password: user.password, code })).status).toBe(400);
      expect((await disable({ password: user.password, recoveryCode: recoveryCodes[1] })).status).toBe(204);
      expect(await auditCount('auth.mfa_disabled', user.id)).toBe(1);
      expect(
        loginResultSchema.parse(await (await login(t.url, user.email, user.password)).json()),
      ).toHaveProperty('user');
    });

    it('lets an owner require two-factor of every member; members without it must enrol first', async () => {
      const owner = await freshUser();
      const member = await createUser(db, {
        password: 'quiet-harbour-lantern-77',
        memberships: [{ accountId: owner.account.id, role: 'viewer' }],
      });
      const ownerCookie = await signIn(owner.email, owner.password);
      const put = (cookie: string, mfaRequired: boolean) =>
        fetch(`${t.url}/api/v1/accounts/${owner.account.id}/security`, {
          method: 'PUT',
          headers: sessionHeaders(cookie, json),
          body: JSON.stringify({ mfaRequired }),
        });

      // Not before the owner has it.
      expect((await put(ownerCookie, true)).status).toBe(409);
      const enrolment = mfaEnrolmentSchema.parse(
        await (
          await fetch(`${t.url}/api/v1/auth/mfa/enrolment`, {
            method: 'POST',
            headers: sessionHeaders(ownerCookie),
          })
        ).json(),
      );
      const secret = enrolment.manualEntryKey.replace(/\s/g, '');
      await fetch(`${t.url}/api/v1/auth/mfa/enrolment/confirm`, {
        method: 'POST',
        headers: sessionHeaders(ownerCookie, json),
        body: JSON.stringify({ code: await generate({ secret }) }),
      });
      const on = await put(ownerCookie, true);
      expect(on.status).toBe(200);
      expect(await on.json()).toEqual({ mfaRequired: true });
      expect(
        (
          await db.query(
            "SELECT count(*)::int AS n FROM audit_events WHERE action = 'account.mfa_requirement_changed' AND account_id = $1",
            [owner.account.id],
          )
        ).rows[0].n,
      ).toBe(1);

      const memberCookie = await signIn(member.email, member.password);
      const me = meSchema.parse(
        await (await fetch(`${t.url}/api/v1/me`, { headers: { cookie: memberCookie } })).json(),
      );
      expect(me.memberships[0]).toMatchObject({ mfaRequired: true });
      expect(me.user.mfaEnabled).toBe(false);
      const blocked = await fetch(`${t.url}/api/v1/accounts/${owner.account.id}/status`, {
        headers: { cookie: memberCookie },
      });
      expect(blocked.status).toBe(403);
      expect(apiErrorSchema.parse(await blocked.json()).code).toBe('mfa_enrolment_required');
      // A viewer cannot change the requirement.
      expect((await put(memberCookie, false)).status).toBe(403);
      // A stranger gets 404 for the account.
      const stranger = await freshUser();
      expect((await put(await signIn(stranger.email, stranger.password), false)).status).toBe(404);
    });
  });

  describe('passwords', () => {
    it('changes the password (current one required, policy enforced) and ends the other sessions', async () => {
      const user = await freshUser();
      const keep = await signIn(user.email, user.password);
      const other = await signIn(user.email, user.password);
      const change = (currentPassword: string, newPassword: string) =>
        fetch(`${t.url}/api/v1/auth/password`, {
          method: 'POST',
          headers: sessionHeaders(keep, json),
          body: JSON.stringify({ currentPassword, newPassword }),
        });

      const wrong = await change('not-my-password', 'brand-new-passphrase-2026');
      expect(wrong.status).toBe(400);
      expect(apiErrorSchema.parse(await wrong.json()).details?.[0]?.path).toBe('body.currentPassword');
      for (const bad of ['short-pw', 'qwerty123456', `${user.email.split('@')[0]}-is-my-password`]) {
        const res = await change(user.password, bad);
        expect(res.status).toBe(400);
        const body = apiErrorSchema.parse(await res.json());
        expect(body.code).toBe('validation_failed');
        expect(body.details?.every((d) => d.path === 'body.newPassword')).toBe(true);
      }
      expect((await change(user.password, 'brand-new-passphrase-2026')).status).toBe(204);
      expect((await fetch(`${t.url}/api/v1/me`, { headers: { cookie: keep } })).status).toBe(200);
      expect((await fetch(`${t.url}/api/v1/me`, { headers: { cookie: other } })).status).toBe(401);
      expect((await login(t.url, user.email, user.password)).status).toBe(401);
      expect((await login(t.url, user.email, 'brand-new-passphrase-2026')).status).toBe(200);
      expect(await auditCount('auth.password_changed', user.id)).toBe(1);
    });

    it('answers a reset request the same way for known and unknown emails, and stores only a hash', async () => {
      const user = await freshUser();
      const forgot = (email: string) =>
        fetch(`${t.url}/api/v1/auth/password/forgot`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ email }),
        });
      const known = await forgot(user.email);
      const unknown = await forgot(`nobody-${randomBytes(3).toString('hex')}@test.example`);
      expect(known.status).toBe(204);
      expect(unknown.status).toBe(204);
      expect(await known.text()).toBe(await unknown.text());
      const rows = await db.query<{ token_hash: string; expires_at: Date }>(
        'SELECT token_hash, expires_at FROM password_reset_tokens WHERE user_id = $1',
        [user.id],
      );
      expect(rows.rowCount).toBe(1);
      expect(rows.rows[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
      const ttlMs = rows.rows[0]!.expires_at.getTime() - Date.now();
      expect(ttlMs).toBeGreaterThan(3_500_000);
      expect(ttlMs).toBeLessThanOrEqual(3_600_000);
    });

    it('emails a reset link whose token sets a new password once', async () => {
      const user = await freshUser();
      const sandbox = new URL(t.env.SALESFORCE_LOGIN_URL).origin;
      expect(
        (
          await fetch(`${t.url}/api/v1/auth/password/forgot`, {
            method: 'POST',
            headers: json,
            body: JSON.stringify({ email: user.email }),
          })
        ).status,
      ).toBe(204);
      const link = await eventually(
        async () => {
          const mail = (await (
            await fetch(`${sandbox}/__admin/mail.json?to=${encodeURIComponent(user.email)}`)
          ).json()) as { messages: { subject: string; text: string }[] };
          const found = mail.messages
            .find((m) => m.subject === 'Reset your Portico password')
            ?.text.match(/https?:\/\/\S+#token=\S+/)?.[0];
          expect(found).toBeDefined();
          return found;
        },
        { intervalMs: 100 },
      );
      expect(link).toMatch(/^http:\/\/localhost:3000\/reset-password#token=/);
      const token = new URLSearchParams(new URL(link!).hash.slice(1)).get('token')!;
      const reset = () =>
        fetch(`${t.url}/api/v1/auth/password/reset`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ token, newPassword: 'emailed-link-passphrase-3' }),
        });
      expect((await reset()).status).toBe(204);
      expect((await reset()).status).toBe(400);
      expect((await login(t.url, user.email, 'emailed-link-passphrase-3')).status).toBe(200);
    });

    it('resets with a single-use, expiring token and ends every session', async () => {
      const user = await freshUser();
      const session = await signIn(user.email, user.password);
      const token = randomBytes(32).toString('base64url');
      const expired = randomBytes(32).toString('base64url');
      const sha = (v: string) => createHash('sha256').update(v).digest('hex');
      await db.query(
        "INSERT INTO password_reset_tokens (id, user_id, token_hash, expires_at) VALUES (gen_random_uuid(), $1, $2, now() + interval '1 hour')",
        [user.id, sha(token)],
      );
      await db.query(
        "INSERT INTO password_reset_tokens (id, user_id, token_hash, expires_at) VALUES (gen_random_uuid(), $1, $2, now() - interval '1 second')",
        [user.id, sha(expired)],
      );
      const reset = (t2: string, newPassword: string) =>
        fetch(`${t.url}/api/v1/auth/password/reset`, {
          method: 'POST',
          headers: json,
          body: JSON.stringify({ token: t2, newPassword }),
        });

      const stale = await reset(expired, 'reset-passphrase-lantern-9');
      expect(stale.status).toBe(400);
      expect(apiErrorSchema.parse(await stale.json()).details?.[0]?.path).toBe('body.token');
      const weak = await reset(token, 'password1234');
      expect(weak.status).toBe(400);
      expect(apiErrorSchema.parse(await weak.json()).details?.[0]?.path).toBe('body.newPassword');
      expect((await reset(token, 'reset-passphrase-lantern-9')).status).toBe(204);
      expect((await reset(token, 'another-passphrase-lantern-9')).status).toBe(400);
      expect((await fetch(`${t.url}/api/v1/me`, { headers: { cookie: session } })).status).toBe(401);
      expect((await login(t.url, user.email, 'reset-passphrase-lantern-9')).status).toBe(200);
      expect(await auditCount('auth.password_reset', user.id)).toBe(1);
    });
  });

  describe('abuse controls', () => {
    it('locks a login out after repeated failures, lifts it, and doubles the next lockout', async () => {
      const strict = await createTestApp({
        LOGIN_MAX_FAILURES_PER_MINUTE: 3,
        LOGIN_LOCKOUT_BASE_MS: 1000,
        LOGIN_LOCKOUT_MAX_MS: 10_000,
      });
      try {
        const user = await freshUser();
        const fail = () => login(strict.url, user.email, 'wrong-password-here');
        for (let i = 0; i < 3; i++) expect((await fail()).status).toBe(401);
        const locked = await login(strict.url, user.email, user.password);
        expect(locked.status).toBe(429);
        expect(apiErrorSchema.parse(await locked.json()).code).toBe('rate_limited');
        expect(locked.headers.get('retry-after')).toBe('1');
        expect(locked.headers.get('ratelimit-policy')).toBe('"login";q=3;w=60');
        // Another email from the same IP is not locked.
        const other = await freshUser();
        expect((await login(strict.url, other.email, other.password)).status).toBe(200);
        expect(await auditCount('auth.login_locked', user.id)).toBe(1);

        // real wait: the lockout (LOGIN_LOCKOUT_BASE_MS, 1 s: Retry-After counts whole seconds) expires in the store.
        await new Promise((r) => setTimeout(r, 1100));
        expect((await login(strict.url, user.email, user.password)).status).toBe(200);
        for (let i = 0; i < 3; i++) expect((await fail()).status).toBe(401);
        const second = await fail();
        expect(second.status).toBe(429);
        expect(second.headers.get('retry-after')).toBe('2');
      } finally {
        await strict.close();
      }
    });

    it('limits each user per minute with RateLimit-Policy/RateLimit headers and 429 + Retry-After', async () => {
      const limited = await createTestApp({ RATE_LIMIT_API_PER_MINUTE: 3 });
      try {
        const user = await freshUser();
        const login1 = await login(limited.url, user.email, user.password);
        expect(login1.headers.get('ratelimit-policy')).toBe('"api";q=3;w=60');
        const cookie = cookieHeader(login1);
        const remaining: string[] = [];
        for (let i = 0; i < 2; i++) {
          const res = await fetch(`${limited.url}/api/v1/me`, { headers: { cookie } });
          expect(res.status).toBe(200);
          expect(res.headers.get('ratelimit-policy')).toBe('"api";q=3;w=60');
          remaining.push(res.headers.get('ratelimit')!.replace(/;t=\d+$/, ''));
        }
        expect(remaining).toEqual(['"api";r=2', '"api";r=1']);
        await fetch(`${limited.url}/api/v1/me`, { headers: { cookie } });
        const refused = await fetch(`${limited.url}/api/v1/me`, { headers: { cookie } });
        expect(refused.status).toBe(429);
        expect(apiErrorSchema.parse(await refused.json()).code).toBe('rate_limited');
        expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
        expect(refused.headers.get('ratelimit')).toMatch(/^"api";r=0;t=\d+$/);
        // Per user: someone else is still served; health probes are never limited.
        const other = await freshUser();
        expect((await login(limited.url, other.email, other.password)).status).toBe(200);
        for (let i = 0; i < 5; i++) expect((await fetch(`${limited.url}/health/live`)).status).not.toBe(429);
      } finally {
        await limited.close();
      }
    });
  });

  it('never writes passwords, tokens, TOTP secrets or recovery codes into audit metadata', async () => {
    const rows = await db.query('SELECT metadata::text AS m FROM audit_events WHERE metadata IS NOT NULL');
    const all = rows.rows.map((r: { m: string }) => r.m).join('\n');
    expect(all).not.toMatch(
      /quiet-harbour-lantern-77|brand-new-passphrase|reset-passphrase|portico-demo-password/,
    );
    expect(all).not.toMatch(/[a-z0-9]{5}-[a-z0-9]{5}"/);
  });
});
