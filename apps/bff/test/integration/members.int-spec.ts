import { randomBytes } from 'node:crypto';
import {
  acceptedInviteSchema,
  accountStatusSchema,
  apiErrorSchema,
  FORBIDDEN_REASON,
  inviteSchema,
  invitePreviewSchema,
  memberListSchema,
  memberSchema,
  meSchema,
  type Role,
} from '@portico/domain';
import type { Client } from 'pg';
import { createAccount, createUser } from '../factories/account.factory';
import { testDb } from '../factories/db';
import { loginAs, sessionHeaders } from '../support/login';
import { inviteTokenOf, waitForMail } from '../support/mail';
import { createTestApp, type TestApp } from '../support/test-app';

const UA = 'members-int-spec/1.0';

describe('members and invites (integration)', () => {
  let t: TestApp;
  let db: Client;
  let accountId: string;
  let owner: { id: string; email: string; password: string };
  let ownerCookie: string;

  const email = (label: string) => `${label}-${randomBytes(4).toString('hex')}@invitee.example`;

  async function call(
    method: string,
    path: string,
    cookie: string | null,
    body?: object,
  ): Promise<{ status: number; body: unknown; requestId: string | null }> {
    const headers: Record<string, string> = {
      'user-agent': UA,
      ...(body ? { 'content-type': 'application/json' } : {}),
    };
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: cookie ? sessionHeaders(cookie, headers) : headers,
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await res.text();
    return {
      status: res.status,
      body: text ? JSON.parse(text) : null,
      requestId: res.headers.get('x-request-id'),
    };
  }

  const members = (path = '') => `/api/v1/accounts/${accountId}/members${path}`;

  async function member(role: Role): Promise<{ id: string; email: string; cookie: string }> {
    const user = await createUser(db, { memberships: [{ accountId, role }] });
    return { id: user.id, email: user.email, cookie: await loginAs(t.url, user.email, user.password) };
  }

  /** Invites `to` as the owner and returns the token from the caught mail. */
  async function invite(
    to: string,
    role: Role,
    cookie = ownerCookie,
  ): Promise<{ id: string; token: string }> {
    const res = await call('POST', members('/invites'), cookie, { email: to, role });
    expect(res.status).toBe(201);
    const mail = await waitForMail(to);
    return { id: inviteSchema.parse(res.body).id, token: inviteTokenOf(mail) };
  }

  interface AuditRow {
    actor_user_id: string | null;
    target: string | null;
    ip: string | null;
    user_agent: string | null;
    request_id: string | null;
    metadata: Record<string, unknown> | null;
  }
  async function auditRows(action: string): Promise<AuditRow[]> {
    const { rows } = await db.query<AuditRow>(
      'SELECT actor_user_id, target, ip, user_agent, request_id, metadata FROM audit_events WHERE account_id = $1 AND action = $2 ORDER BY occurred_at',
      [accountId, action],
    );
    return rows;
  }

  beforeAll(async () => {
    t = await createTestApp();
    db = await testDb();
    accountId = (await createAccount(db, { name: 'Members Test Ltd' })).id;
    owner = await createUser(db, { name: 'Olivia Owner', memberships: [{ accountId, role: 'owner' }] });
    ownerCookie = await loginAs(t.url, owner.email, owner.password);
  });
  afterAll(async () => {
    await t.close();
    await db.end();
  });

  it('invites by email: 201, a mail with a single link, only an argon2id hash at rest, and an audit record', async () => {
    const to = email('tech');
    const res = await call('POST', members('/invites'), ownerCookie, {
      email: to.toUpperCase(),
      role: 'technical',
    });
    expect(res.status).toBe(201);
    const created = inviteSchema.parse(res.body);
    expect(created).toMatchObject({
      email: to,
      role: 'technical',
      invitedBy: 'Olivia Owner',
      expired: false,
    });
    const days = (Date.parse(created.expiresAt) - Date.parse(created.createdAt)) / 86_400_000;
    expect(days).toBeCloseTo(7, 5);

    const mail = await waitForMail(to);
    expect(mail.subject).toBe('Olivia Owner invited you to Members Test Ltd on Portico');
    const token = inviteTokenOf(mail);
    expect(mail.text).toContain(`${t.env.PORTAL_ORIGIN.replace(/\/$/, '')}/invite/${token}`);
    const secret = token.split('.')[1]!;
    expect(Buffer.from(secret, 'base64url').length).toBeGreaterThanOrEqual(32);

    const { rows } = await db.query<{ token_hash: string }>('SELECT token_hash FROM invites WHERE id = $1', [
      created.id,
    ]);
    expect(rows[0]?.token_hash).toMatch(/^\$argon2id\$/);
    expect(rows[0]?.token_hash).not.toContain(secret);

    const list = memberListSchema.parse((await call('GET', members(), ownerCookie)).body);
    expect(list.members.map((m) => m.email)).toEqual([owner.email]);
    expect(list.invites.map((i) => i.id)).toContain(created.id);

    const [audit] = (await auditRows('member.invited')).filter((r) => r.target === `invite:${created.id}`);
    expect(audit).toMatchObject({
      actor_user_id: owner.id,
      ip: '127.0.0.1',
      user_agent: UA,
      request_id: res.requestId,
    });
    expect(JSON.stringify(audit?.metadata)).not.toContain(to);
  });

  it('refuses malformed emails, roles outside the list, members and duplicate pending invites with 4xx and a code', async () => {
    const bad = await call('POST', members('/invites'), ownerCookie, {
      email: 'not-an-email',
      role: 'viewer',
    });
    expect(bad.status).toBe(400);
    expect(apiErrorSchema.parse(bad.body)).toMatchObject({ code: 'validation_failed' });
    expect(JSON.stringify(bad.body)).toContain('body.email');

    const role = await call('POST', members('/invites'), ownerCookie, {
      email: email('x'),
      role: 'superuser',
    });
    expect(role.status).toBe(400);
    expect(JSON.stringify(role.body)).toContain('body.role');

    const existing = await call('POST', members('/invites'), ownerCookie, {
      email: owner.email,
      role: 'viewer',
    });
    expect(existing.status).toBe(409);
    expect(apiErrorSchema.parse(existing.body)).toMatchObject({
      code: 'conflict',
      message: `${owner.email} is already a member of this account`,
    });

    const to = email('twice');
    await invite(to, 'viewer');
    const again = await call('POST', members('/invites'), ownerCookie, { email: to, role: 'billing' });
    expect(again.status).toBe(409);
    expect(apiErrorSchema.parse(again.body).message).toMatch(/pending invite/);

    const patch = await call('PATCH', members(`/${owner.id}`), ownerCookie, { role: 'root' });
    expect(patch.status).toBe(400);
  });

  it('creates the user on acceptance, once: a reused link is gone, and the new member signs in with the role', async () => {
    const to = email('new');
    const { token } = await invite(to, 'technical');
    const preview = invitePreviewSchema.parse(
      (await call('POST', '/api/v1/invites/lookup', null, { token })).body,
    );
    expect(preview).toMatchObject({
      accountName: 'Members Test Ltd',
      email: to,
      role: 'technical',
      existingUser: false,
    });

    const missing = await call('POST', '/api/v1/invites/accept', null, { token });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('body.password');
    const short = await call('POST', '/api/v1/invites/accept', null, {
      token,
      name: 'Tess Tech',
      password: 'short',
    });
    expect(short.status).toBe(400);

    const ok = await call('POST', '/api/v1/invites/accept', null, {
      token,
      name: 'Tess Tech',
      password: 'a long enough passphrase',
    });
    expect(ok.status).toBe(200);
    expect(acceptedInviteSchema.parse(ok.body)).toEqual({
      accountId,
      accountName: 'Members Test Ltd',
      role: 'technical',
      email: to,
      userCreated: true,
    });

    const reused = await call('POST', '/api/v1/invites/accept', null, {
      token,
      name: 'Mallory',
      password: 'another long passphrase',
    });
    expect(reused.status).toBe(410);
    expect(apiErrorSchema.parse(reused.body)).toMatchObject({
      code: 'gone',
      message: 'This invite link was already used',
    });
    expect((await call('POST', '/api/v1/invites/lookup', null, { token })).status).toBe(410);

    const cookie = await loginAs(t.url, to, 'a long enough passphrase');
    const me = meSchema.parse((await call('GET', '/api/v1/me', cookie)).body);
    expect(me.user.name).toBe('Tess Tech');
    expect(me.memberships).toEqual([
      { accountId, accountName: 'Members Test Ltd', role: 'technical', mfaRequired: false },
    ]);
    const [audit] = (await auditRows('member.invite_accepted')).filter((r) => r.actor_user_id === me.user.id);
    expect(audit).toMatchObject({
      target: `user:${me.user.id}`,
      ip: '127.0.0.1',
      user_agent: UA,
      request_id: ok.requestId,
    });
  });

  it('refuses expired, tampered and malformed links', async () => {
    const to = email('late');
    const { id, token } = await invite(to, 'viewer');
    await db.query("UPDATE invites SET expires_at = now() - interval '1 second' WHERE id = $1", [id]);
    const expired = await call('POST', '/api/v1/invites/accept', null, {
      token,
      name: 'Late',
      password: 'a long enough passphrase',
    });
    expect(expired.status).toBe(410);
    expect(apiErrorSchema.parse(expired.body).message).toMatch(/expired/);
    const list = memberListSchema.parse((await call('GET', members(), ownerCookie)).body);
    expect(list.invites.find((i) => i.id === id)?.expired).toBe(true);
    // An expired invite can be replaced by a new one.
    expect((await call('POST', members('/invites'), ownerCookie, { email: to, role: 'viewer' })).status).toBe(
      201,
    );

    const tampered = `${token.slice(0, -4)}AAAA`;
    const wrong = await call('POST', '/api/v1/invites/lookup', null, { token: tampered });
    expect(wrong.status).toBe(404);
    const malformed = await call('POST', '/api/v1/invites/lookup', null, { token: 'nope' });
    expect(malformed.status).toBe(400);
    expect(apiErrorSchema.parse(malformed.body).code).toBe('validation_failed');
  });

  it('resend kills the previous link; revoke kills the link; both are audited', async () => {
    const to = email('resend');
    const first = await invite(to, 'billing');
    const resent = await call('POST', members(`/invites/${first.id}/resend`), ownerCookie);
    expect(resent.status).toBe(200);
    const second = inviteTokenOf(await waitForMail(to, 2));
    expect(second).not.toBe(first.token);
    expect((await call('POST', '/api/v1/invites/lookup', null, { token: first.token })).status).toBe(404);
    expect((await call('POST', '/api/v1/invites/lookup', null, { token: second })).status).toBe(200);

    expect((await call('DELETE', members(`/invites/${first.id}`), ownerCookie)).status).toBe(204);
    expect(
      (
        await call('POST', '/api/v1/invites/accept', null, {
          token: second,
          name: 'B',
          password: 'a long enough passphrase',
        })
      ).status,
    ).toBe(410);
    expect((await call('DELETE', members(`/invites/${first.id}`), ownerCookie)).status).toBe(404);
    expect((await auditRows('member.invite_resent')).some((r) => r.target === `invite:${first.id}`)).toBe(
      true,
    );
    expect((await auditRows('member.invite_revoked')).some((r) => r.target === `invite:${first.id}`)).toBe(
      true,
    );
  });

  it('an existing user accepts signed in as the invited email only', async () => {
    const other = await createAccount(db);
    const existing = await createUser(db, { memberships: [{ accountId: other.id, role: 'owner' }] });
    const { token } = await invite(existing.email, 'admin');
    expect(
      invitePreviewSchema.parse((await call('POST', '/api/v1/invites/lookup', null, { token })).body)
        .existingUser,
    ).toBe(true);
    expect(
      (
        await call('POST', '/api/v1/invites/accept', null, {
          token,
          name: 'X',
          password: 'a long enough passphrase',
        })
      ).status,
    ).toBe(401);
    const stranger = await member('viewer');
    expect((await call('POST', '/api/v1/invites/accept', stranger.cookie, { token })).status).toBe(403);

    const cookie = await loginAs(t.url, existing.email, existing.password);
    const ok = await call('POST', '/api/v1/invites/accept', cookie, { token });
    expect(ok.status).toBe(200);
    expect(acceptedInviteSchema.parse(ok.body).userCreated).toBe(false);
    const me = meSchema.parse((await call('GET', '/api/v1/me', cookie)).body);
    expect(me.memberships.map((m) => m.role).sort()).toEqual(['admin', 'owner']);
  });

  it('changes roles with immediate effect, keeps at least one owner, and keeps the owner role to owners', async () => {
    const admin = await member('admin');
    const target = await member('billing');
    const changed = await call('PATCH', members(`/${target.id}`), ownerCookie, { role: 'viewer' });
    expect(changed.status).toBe(200);
    expect(memberSchema.parse(changed.body).role).toBe('viewer');
    const audit = (await auditRows('member.role_changed')).find((r) => r.target === `user:${target.id}`);
    expect(audit?.metadata).toEqual({ from: 'billing', to: 'viewer' });

    // Demoting the admin takes effect on their very next request.
    expect((await call('GET', members(), admin.cookie)).status).toBe(200);
    expect((await call('PATCH', members(`/${admin.id}`), ownerCookie, { role: 'viewer' })).status).toBe(200);
    expect((await call('GET', members(), admin.cookie)).status).toBe(403);
    expect((await call('PATCH', members(`/${admin.id}`), ownerCookie, { role: 'admin' })).status).toBe(200);

    const last = await call('PATCH', members(`/${owner.id}`), ownerCookie, { role: 'admin' });
    expect(last.status).toBe(409);
    expect(apiErrorSchema.parse(last.body)).toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/at least one owner/),
    });
    expect((await call('DELETE', members(`/${owner.id}`), ownerCookie)).status).toBe(409);

    expect((await call('PATCH', members(`/${target.id}`), admin.cookie, { role: 'owner' })).status).toBe(403);
    expect((await call('PATCH', members(`/${owner.id}`), admin.cookie, { role: 'viewer' })).status).toBe(403);
    expect((await call('DELETE', members(`/${owner.id}`), admin.cookie)).status).toBe(403);
    expect(
      (await call('POST', members('/invites'), admin.cookie, { email: email('o'), role: 'owner' })).status,
    ).toBe(403);

    // With a second owner, the first may step down.
    expect((await call('PATCH', members(`/${admin.id}`), ownerCookie, { role: 'owner' })).status).toBe(200);
    expect((await call('PATCH', members(`/${owner.id}`), admin.cookie, { role: 'admin' })).status).toBe(200);
    expect((await call('PATCH', members(`/${owner.id}`), admin.cookie, { role: 'owner' })).status).toBe(200);
    const unchanged = await db.query(
      'SELECT count(*)::int AS n FROM memberships WHERE account_id = $1 AND role = $2',
      [accountId, 'owner'],
    );
    expect(unchanged.rows[0].n).toBe(2);
  });

  it('removes a member: their access ends at once (404), audited', async () => {
    const gone = await member('technical');
    expect((await call('GET', `/api/v1/accounts/${accountId}/status`, gone.cookie)).status).toBe(200);
    expect((await call('DELETE', members(`/${gone.id}`), ownerCookie)).status).toBe(204);
    expect((await call('GET', `/api/v1/accounts/${accountId}/status`, gone.cookie)).status).toBe(404);
    expect((await call('DELETE', members(`/${gone.id}`), ownerCookie)).status).toBe(404);
    expect(
      (await auditRows('member.removed')).some(
        (r) => r.target === `user:${gone.id}` && r.actor_user_id === owner.id,
      ),
    ).toBe(true);
  });

  it('returns blocks the role cannot read as unavailable with reason forbidden and no data', async () => {
    const tech = await member('technical');
    const status = accountStatusSchema.parse(
      (await call('GET', `/api/v1/accounts/${accountId}/status`, tech.cookie)).body,
    );
    expect(status.billing).toEqual({
      meta: { source: 'whmcs', fetchedAt: null, stale: false, unavailable: true, reason: FORBIDDEN_REASON },
      data: null,
    });
    expect(status.usage.meta.reason).not.toBe(FORBIDDEN_REASON);
    const billing = await member('billing');
    const b = accountStatusSchema.parse(
      (await call('GET', `/api/v1/accounts/${accountId}/status`, billing.cookie)).body,
    );
    expect([b.cases.meta.reason, b.usage.meta.reason]).toEqual([FORBIDDEN_REASON, FORBIDDEN_REASON]);
    expect(b.billing.meta.reason).not.toBe(FORBIDDEN_REASON);
  });

  it('remembers the last account opened, only among the user’s own', async () => {
    const other = await createAccount(db);
    const both = await createUser(db, {
      memberships: [
        { accountId, role: 'viewer' },
        { accountId: other.id, role: 'viewer' },
      ],
    });
    const cookie = await loginAs(t.url, both.email, both.password);
    expect(meSchema.parse((await call('GET', '/api/v1/me', cookie)).body).lastAccountId).toBeNull();
    expect((await call('PUT', '/api/v1/me/last-account', cookie, { accountId: other.id })).status).toBe(204);
    expect(meSchema.parse((await call('GET', '/api/v1/me', cookie)).body).lastAccountId).toBe(other.id);
    const foreign = await createAccount(db);
    expect((await call('PUT', '/api/v1/me/last-account', cookie, { accountId: foreign.id })).status).toBe(
      404,
    );
    expect((await call('PUT', '/api/v1/me/last-account', cookie, { accountId: 'nope' })).status).toBe(400);
    expect(meSchema.parse((await call('GET', '/api/v1/me', cookie)).body).lastAccountId).toBe(other.id);
  });

  it('keeps the language the user chose; an unsupported one is a 400 with a code and changes nothing', async () => {
    const user = await createUser(db, { memberships: [{ accountId, role: 'viewer' }] });
    const cookie = await loginAs(t.url, user.email, user.password);
    expect(meSchema.parse((await call('GET', '/api/v1/me', cookie)).body).user.locale).toBeNull();
    expect((await call('PUT', '/api/v1/me/locale', cookie, { locale: 'de' })).status).toBe(204);
    expect(meSchema.parse((await call('GET', '/api/v1/me', cookie)).body).user.locale).toBe('de');
    const bad = await call('PUT', '/api/v1/me/locale', cookie, { locale: 'fr' });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed' });
    expect(meSchema.parse((await call('GET', '/api/v1/me', cookie)).body).user.locale).toBe('de');
    expect((await call('PUT', '/api/v1/me/locale', null, { locale: 'en' })).status).toBe(401);
  });

  it("writes an invite to a person without a sign-in in the inviter's saved language", async () => {
    const admin = await createUser(db, { memberships: [{ accountId, role: 'admin' }] });
    const cookie = await loginAs(t.url, admin.email, admin.password);
    expect((await call('PUT', '/api/v1/me/locale', cookie, { locale: 'de' })).status).toBe(204);
    const to = `newcomer-${randomBytes(4).toString('hex')}@example.com`;
    await invite(to, 'viewer', cookie);
    expect((await waitForMail(to)).subject).toMatch(/hat Sie zu .* auf Portico eingeladen/);
  });
});
