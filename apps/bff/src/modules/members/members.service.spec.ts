import { INVITE_TTL_MS, type Role } from '@portico/domain';
import type { AccountContext, SessionUser } from '../../core/auth';
import { loadEnv } from '../../core/config/env';
import { FakeClock } from '../../../test/fakes/clock.fake';
import { InMemoryMembersRepository } from '../../../test/fakes/members-repository.fake';
import { RecordingAccess, RecordingAudit, RecordingMail } from '../../../test/fakes/recorders.fake';
import { rejection, statusOf } from '../../../test/fakes/rejection';
import { LAST_OWNER_MESSAGE, MembersService, OWNER_ONLY_MESSAGE } from './members.service';

const ACCOUNT = '10000000-0000-4000-8000-000000000001';
const OWNER = {
  id: '20000000-0000-4000-8000-000000000001',
  email: 'olive@acme.example',
  name: 'Olive Owner',
};
const ADMIN = { id: '20000000-0000-4000-8000-000000000002', email: 'adam@acme.example', name: 'Adam Admin' };
const VIEWER = {
  id: '20000000-0000-4000-8000-000000000003',
  email: 'vera@acme.example',
  name: 'Vera Viewer',
};
const META = { ip: '203.0.113.7', userAgent: 'test', requestId: 'req-1' };

function world() {
  const clock = new FakeClock();
  const repository = new InMemoryMembersRepository();
  repository.accountNames.set(ACCOUNT, 'Acme');
  repository.addMember(ACCOUNT, OWNER, 'owner');
  repository.addMember(ACCOUNT, ADMIN, 'admin');
  repository.addMember(ACCOUNT, VIEWER, 'viewer');
  const audit = new RecordingAudit();
  const mail = new RecordingMail();
  const access = new RecordingAccess();
  const env = loadEnv({ PORTAL_ORIGIN: 'https://portal.acme.example' });
  const service = new MembersService(
    repository.asRepository(),
    audit.asService(),
    mail,
    access.asService(),
    env,
    clock,
  );
  const as = (user: typeof OWNER, role: Role): { account: AccountContext; actor: SessionUser } => ({
    account: {
      accountId: ACCOUNT,
      accountName: 'Acme',
      role,
      whmcsClientId: null,
      salesforceAccountId: null,
    },
    actor: { userId: user.id, email: user.email, sessionId: '30000000-0000-4000-8000-000000000001' },
  });
  /** The token of the last invite email (the last segment of its link). */
  const lastToken = (): string => {
    const match = /\/invite\/([^\s"]+)/.exec(mail.sent.at(-1)?.text ?? '');
    if (!match?.[1]) throw new Error('no invite link sent');
    return decodeURIComponent(match[1]);
  };
  return {
    clock,
    repository,
    audit,
    mail,
    access,
    service,
    owner: as(OWNER, 'owner'),
    admin: as(ADMIN, 'admin'),
    lastToken,
  };
}

describe('MembersService', () => {
  describe('invites', () => {
    it('emails a link to the portal, valid 7 days, and audits the invite with a masked email', async () => {
      const w = world();
      const invite = await w.service.invite(
        w.admin.account,
        w.admin.actor,
        { email: 'new@acme.example', role: 'billing' },
        META,
      );
      expect(invite).toMatchObject({
        email: 'new@acme.example',
        role: 'billing',
        invitedBy: 'Adam Admin',
        expired: false,
      });
      expect(invite.createdAt).toBe(w.clock.now().toISOString());
      expect(invite.expiresAt).toBe(new Date(w.clock.nowMs() + INVITE_TTL_MS).toISOString());
      expect(w.mail.sent.map((m) => m.to)).toEqual(['new@acme.example']);
      expect(w.mail.sent[0]?.text).toContain('https://portal.acme.example/invite/');
      expect(w.repository.state.invites[0]?.tokenHash).toMatch(/^\$argon2id\$/);
      expect(w.audit.records).toEqual([
        expect.objectContaining({
          action: 'member.invited',
          target: `invite:${invite.id}`,
          metadata: { role: 'billing', email: 'n***@acme.example' },
        }),
      ]);
    });

    it('writes the invite in the saved language of a person who already has a sign-in, else in English', async () => {
      const w = world();
      w.repository.addUser({
        id: '20000000-0000-4000-8000-000000000009',
        email: 'dora@beta.example',
        name: 'Dora',
        locale: 'de',
      });
      await w.service.invite(
        w.owner.account,
        w.owner.actor,
        { email: 'dora@beta.example', role: 'viewer' },
        META,
      );
      await w.service.invite(
        w.owner.account,
        w.owner.actor,
        { email: 'new@acme.example', role: 'viewer' },
        META,
      );
      expect(w.mail.sent.map((m) => m.subject)).toEqual([
        'Olive Owner hat Sie zu Acme auf Portico eingeladen',
        'Olive Owner invited you to Acme on Portico',
      ]);
      expect(w.mail.sent[0]?.text).toContain('mit der Rolle Lesend beizutreten');
    });

    it("writes the invite of a person without a sign-in in the inviter's saved language", async () => {
      const w = world();
      const owner = w.repository.state.users.find((u) => u.id === OWNER.id);
      if (owner) owner.locale = 'de';
      await w.service.invite(
        w.owner.account,
        w.owner.actor,
        { email: 'new@acme.example', role: 'viewer' },
        META,
      );
      expect(w.mail.sent.map((m) => m.subject)).toEqual([
        'Olive Owner hat Sie zu Acme auf Portico eingeladen',
      ]);
    });

    it('refuses to invite a member or an email with a pending invite, but replaces an expired one', async () => {
      const w = world();
      expect(
        await rejection(
          w.service.invite(w.owner.account, w.owner.actor, { email: VIEWER.email, role: 'viewer' }, META),
        ),
      ).toMatchObject({ status: 409, code: 'conflict' });
      const first = await w.service.invite(
        w.owner.account,
        w.owner.actor,
        { email: 'new@acme.example', role: 'viewer' },
        META,
      );
      expect(
        await statusOf(
          w.service.invite(
            w.owner.account,
            w.owner.actor,
            { email: 'new@acme.example', role: 'viewer' },
            META,
          ),
        ),
      ).toBe(409);
      w.clock.advance(INVITE_TTL_MS);
      const second = await w.service.invite(
        w.owner.account,
        w.owner.actor,
        { email: 'new@acme.example', role: 'technical' },
        META,
      );
      expect(w.repository.state.invites.find((i) => i.id === first.id)?.revokedAt).toEqual(w.clock.now());
      const listed = await w.service.list(w.owner.account);
      expect(listed.invites.map((i) => i.id)).toEqual([second.id]);
    });

    it('lets only owners invite owners', async () => {
      const w = world();
      expect(
        await rejection(
          w.service.invite(
            w.admin.account,
            w.admin.actor,
            { email: 'boss@acme.example', role: 'owner' },
            META,
          ),
        ),
      ).toMatchObject({ status: 403, message: OWNER_ONLY_MESSAGE });
      await expect(
        w.service.invite(w.owner.account, w.owner.actor, { email: 'boss@acme.example', role: 'owner' }, META),
      ).resolves.toMatchObject({ role: 'owner' });
    });

    it('stores nothing when the email cannot be sent', async () => {
      const w = world();
      w.mail.failWith = new Error('connection refused');
      expect(
        await rejection(
          w.service.invite(
            w.owner.account,
            w.owner.actor,
            { email: 'new@acme.example', role: 'viewer' },
            META,
          ),
        ),
      ).toMatchObject({ status: 503, code: 'upstream_unavailable' });
      expect(w.repository.state.invites).toEqual([]);
      expect(w.audit.records).toEqual([]);
    });

    it('marks invites expired in the list once their 7 days are over', async () => {
      const w = world();
      await w.service.invite(
        w.owner.account,
        w.owner.actor,
        { email: 'new@acme.example', role: 'viewer' },
        META,
      );
      w.clock.advance(INVITE_TTL_MS - 1);
      expect((await w.service.list(w.owner.account)).invites.map((i) => i.expired)).toEqual([false]);
      w.clock.advance(1);
      expect((await w.service.list(w.owner.account)).invites.map((i) => i.expired)).toEqual([true]);
    });

    it('resending makes a new link and a new expiry; the old link stops working', async () => {
      const w = world();
      const invite = await w.service.invite(
        w.owner.account,
        w.owner.actor,
        { email: 'new@acme.example', role: 'viewer' },
        META,
      );
      const oldToken = w.lastToken();
      w.clock.advance(86_400_000);
      const renewed = await w.service.resend(w.owner.account, w.owner.actor, invite.id, META);
      expect(renewed.expiresAt).toBe(new Date(w.clock.nowMs() + INVITE_TTL_MS).toISOString());
      expect(await statusOf(w.service.preview(oldToken))).toBe(404);
      await expect(w.service.preview(w.lastToken())).resolves.toMatchObject({
        email: 'new@acme.example',
        existingUser: false,
      });
    });

    it('revoking an invite makes its link gone', async () => {
      const w = world();
      const invite = await w.service.invite(
        w.owner.account,
        w.owner.actor,
        { email: 'new@acme.example', role: 'viewer' },
        META,
      );
      await w.service.revoke(w.owner.account, w.owner.actor, invite.id, META);
      expect(await rejection(w.service.preview(w.lastToken()))).toMatchObject({ status: 410, code: 'gone' });
      expect(await statusOf(w.service.revoke(w.owner.account, w.owner.actor, invite.id, META))).toBe(404);
    });
  });

  describe('accepting', () => {
    it('creates the user from name and password, once; a second use is gone', async () => {
      const w = world();
      await w.service.invite(
        w.owner.account,
        w.owner.actor,
        { email: 'new@acme.example', role: 'technical' },
        META,
      );
      const token = w.lastToken();
      expect(await rejection(w.service.accept({ token }, null, META))).toMatchObject({
        status: 400,
        code: 'validation_failed',
      });
      const accepted = await w.service.accept(
        { token, name: 'Nia New', password: 'a long enough passphrase' },
        null,
        META,
      );
      expect(accepted).toEqual({
        accountId: ACCOUNT,
        accountName: 'Acme',
        role: 'technical',
        email: 'new@acme.example',
        userCreated: true,
      });
      const userId = await w.repository.findUserIdByEmail('new@acme.example');
      expect(w.repository.roleOf(ACCOUNT, userId!)).toBe('technical');
      expect(
        await statusOf(
          w.service.accept({ token, name: 'Nia New', password: 'a long enough passphrase' }, null, META),
        ),
      ).toBe(410);
    });

    it('needs the invited user to be signed in when the email already has a user', async () => {
      const w = world();
      const other = { id: '20000000-0000-4000-8000-000000000009', email: 'ext@other.example', name: 'Ext' };
      w.repository.addUser(other);
      await w.service.invite(w.owner.account, w.owner.actor, { email: other.email, role: 'viewer' }, META);
      const token = w.lastToken();
      expect(await statusOf(w.service.accept({ token }, null, META))).toBe(401);
      expect(
        await statusOf(
          w.service.accept({ token }, { userId: VIEWER.id, email: VIEWER.email, sessionId: 's' }, META),
        ),
      ).toBe(403);
      await expect(
        w.service.accept({ token }, { userId: other.id, email: other.email, sessionId: 's' }, META),
      ).resolves.toMatchObject({ userCreated: false });
    });

    it('refuses an expired link, and a link whose secret is wrong as not found', async () => {
      const w = world();
      await w.service.invite(
        w.owner.account,
        w.owner.actor,
        { email: 'new@acme.example', role: 'viewer' },
        META,
      );
      const token = w.lastToken();
      const forged = `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`;
      expect(await statusOf(w.service.preview(forged))).toBe(404);
      w.clock.advance(INVITE_TTL_MS);
      expect(
        await rejection(
          w.service.accept({ token, name: 'Late', password: 'a long enough passphrase' }, null, META),
        ),
      ).toMatchObject({ status: 410, code: 'gone' });
    });
  });

  describe('roles and removal', () => {
    it('keeps at least one owner', async () => {
      const w = world();
      expect(
        await rejection(w.service.changeRole(w.owner.account, w.owner.actor, OWNER.id, 'admin', META)),
      ).toMatchObject({ status: 409, message: LAST_OWNER_MESSAGE });
      expect(await statusOf(w.service.remove(w.owner.account, w.owner.actor, OWNER.id, META))).toBe(409);
      await w.service.changeRole(w.owner.account, w.owner.actor, ADMIN.id, 'owner', META);
      await w.service.changeRole(w.owner.account, w.owner.actor, OWNER.id, 'admin', META);
      expect(w.repository.roleOf(ACCOUNT, OWNER.id)).toBe('admin');
    });

    it('lets only owners grant, change or remove the owner role', async () => {
      const w = world();
      expect(
        await statusOf(w.service.changeRole(w.admin.account, w.admin.actor, VIEWER.id, 'owner', META)),
      ).toBe(403);
      expect(
        await statusOf(w.service.changeRole(w.admin.account, w.admin.actor, OWNER.id, 'viewer', META)),
      ).toBe(403);
      expect(await statusOf(w.service.remove(w.admin.account, w.admin.actor, OWNER.id, META))).toBe(403);
      await expect(
        w.service.changeRole(w.admin.account, w.admin.actor, VIEWER.id, 'billing', META),
      ).resolves.toMatchObject({ role: 'billing' });
    });

    it("drops the changed member's cached access and audits from and to; an unchanged role is no event", async () => {
      const w = world();
      await w.service.changeRole(w.owner.account, w.owner.actor, VIEWER.id, 'viewer', META);
      expect(w.audit.records).toEqual([]);
      await w.service.changeRole(w.owner.account, w.owner.actor, VIEWER.id, 'technical', META);
      await w.service.remove(w.owner.account, w.owner.actor, ADMIN.id, META);
      expect(w.access.invalidated).toEqual([
        `membership:${VIEWER.id}:${ACCOUNT}`,
        `membership:${ADMIN.id}:${ACCOUNT}`,
      ]);
      expect(w.audit.records.map((r) => [r.action, r.metadata])).toEqual([
        ['member.role_changed', { from: 'viewer', to: 'technical' }],
        ['member.removed', { role: 'admin' }],
      ]);
      expect(await statusOf(w.service.remove(w.owner.account, w.owner.actor, ADMIN.id, META))).toBe(404);
    });
  });
});
