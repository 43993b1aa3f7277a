import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  INVITE_TTL_MS,
  type AcceptInviteRequest,
  type AcceptedInvite,
  type CreateInviteRequest,
  type Invite,
  type InvitePreview,
  type Locale,
  type Member,
  type MemberList,
  type Role,
} from '@portico/domain';
import { AccessService, type AccountContext, type SessionUser } from '../../core/auth';
import { hashPassword } from '../../core/auth/password-hasher';
import { Clock } from '../../core/clock/clock';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { AppException } from '../../core/http/app.exception';
import { maskEmail } from '../../core/logging/mask-email';
import { MailPort } from '../../core/mail/mail.port';
import { DbContext } from '../../core/prisma/db-context';
import type { ClientMeta } from '../audit/audit-context';
import { AuditService } from '../audit/audit.service';
import { mintInviteToken, parseInviteToken, verifyInviteSecret } from './invite-token';
import { inviteMail } from './invite.mail';
import {
  MembersRepository,
  toInvite,
  type MembersTransaction,
  type StoredInvite,
} from './members.repository';

/** Message of the 409 that keeps an account from losing its last owner. */
export const LAST_OWNER_MESSAGE = 'An account needs at least one owner: make another member an owner first';
/** Message of the 403 when a non-owner touches the owner role. */
export const OWNER_ONLY_MESSAGE = 'Only an owner can grant, change or remove the owner role';
/** One message for unknown ids and wrong secrets, so invite ids cannot be probed. */
const INVALID_LINK = 'This invite link is not valid';

function conflict(message: string): AppException {
  return new AppException('conflict', message);
}

function gone(message: string): AppException {
  return new AppException('gone', message);
}

/**
 * Member management of one account: list, invite, change role, remove, resend and revoke invites, and accepting
 * an invite. Every change runs in one transaction holding the account's row lock and is audited
 * (`member.*` actions) with actor, account, target, IP, user agent and request id.
 *
 * Rules: an account keeps at least one owner (409 `conflict`); only owners grant, change or remove the owner role
 * (403 `forbidden`); invite links are single-use, expire after 7 days ({@link INVITE_TTL_MS}), and only the argon2id
 * hash of their 32-byte secret is stored.
 */
@Injectable()
export class MembersService {
  private readonly logger = new Logger('Members');

  constructor(
    private readonly repository: MembersRepository,
    private readonly audit: AuditService,
    private readonly mail: MailPort,
    private readonly access: AccessService,
    @Inject(ENV) private readonly env: Env,
    private readonly clock: Clock,
  ) {}

  /** Members of the account and its open invites. */
  async list(account: AccountContext): Promise<MemberList> {
    const now = this.clock.now();
    const { members, invites } = await this.repository.list(account.accountId);
    return { members, invites: invites.map((i) => toInvite(i, now)) };
  }

  /**
   * Invites `email` with `role` and emails the link `${PORTAL_ORIGIN}/invite/<token>`. An expired open invite of the
   * same email is replaced. If the email cannot be sent, nothing is stored.
   * @throws AppException 403 when a non-owner invites an owner; 409 when the email is a member or already has a
   *   pending invite; 400 when the mail server refuses the address for good; 503 `upstream_unavailable` when the
   *   mail server cannot be reached or fails for now
   */
  async invite(
    account: AccountContext,
    actor: SessionUser,
    request: CreateInviteRequest,
    meta: ClientMeta,
  ): Promise<Invite> {
    this.assertMayTouchRole(account, request.role);
    const inviteId = randomUUID();
    const minted = await mintInviteToken(inviteId);
    const now = this.clock.now();
    const invite = await this.repository.inAccountTransaction(account.accountId, async (tx) => {
      if (await tx.isMemberByEmail(request.email))
        throw conflict(`${request.email} is already a member of this account`);
      const open = await tx.findOpenInvites(request.email);
      if (open.some((i) => i.expiresAt.getTime() > now.getTime())) {
        throw conflict(`${request.email} already has a pending invite: resend it instead`);
      }
      if (open.length > 0)
        await tx.revokeInvites(
          open.map((i) => i.id),
          now,
        );
      const created = await tx.createInvite({
        id: inviteId,
        email: request.email,
        role: request.role,
        tokenHash: minted.hash,
        invitedByUserId: actor.userId,
        createdAt: now,
        expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
      });
      await this.sendInvite(created, minted.token, actor.userId);
      return created;
    });
    await this.record('member.invited', account, actor, `invite:${invite.id}`, meta, {
      role: invite.role,
      email: maskEmail(invite.email),
    });
    return toInvite(invite, now);
  }

  /**
   * Sends a fresh link for an open invite (new secret, new 7-day expiry); the previous link stops working.
   * @throws AppException 404 for an unknown, accepted or revoked invite; 403 when a non-owner resends an owner invite
   */
  async resend(
    account: AccountContext,
    actor: SessionUser,
    inviteId: string,
    meta: ClientMeta,
  ): Promise<Invite> {
    const minted = await mintInviteToken(inviteId);
    const now = this.clock.now();
    const invite = await this.repository.inAccountTransaction(account.accountId, async (tx) => {
      const open = await this.openInvite(tx, inviteId);
      this.assertMayTouchRole(account, open.role);
      const renewed = await tx.renewInvite(open.id, {
        tokenHash: minted.hash,
        invitedByUserId: actor.userId,
        expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
      });
      await this.sendInvite(renewed, minted.token, actor.userId);
      return renewed;
    });
    await this.record('member.invite_resent', account, actor, `invite:${invite.id}`, meta, {
      role: invite.role,
      email: maskEmail(invite.email),
    });
    return toInvite(invite, now);
  }

  /**
   * Revokes an open invite; its link stops working.
   * @throws AppException 404 for an unknown, accepted or revoked invite; 403 when a non-owner revokes an owner invite
   */
  async revoke(
    account: AccountContext,
    actor: SessionUser,
    inviteId: string,
    meta: ClientMeta,
  ): Promise<void> {
    const invite = await this.repository.inAccountTransaction(account.accountId, async (tx) => {
      const open = await this.openInvite(tx, inviteId);
      this.assertMayTouchRole(account, open.role);
      await tx.revokeInvites([open.id], this.clock.now());
      return open;
    });
    await this.record('member.invite_revoked', account, actor, `invite:${invite.id}`, meta, {
      role: invite.role,
      email: maskEmail(invite.email),
    });
  }

  /**
   * Changes a member's role; takes effect on their next request.
   * @throws AppException 404 for a non-member; 403 when a non-owner grants or takes the owner role; 409 when it
   *   would leave the account without an owner
   */
  async changeRole(
    account: AccountContext,
    actor: SessionUser,
    userId: string,
    role: Role,
    meta: ClientMeta,
  ): Promise<Member> {
    const result = await this.repository.inAccountTransaction(account.accountId, async (tx) => {
      const member = await this.member(tx, userId);
      if (member.role === role) return { member, from: role };
      this.assertMayTouchRole(account, member.role);
      this.assertMayTouchRole(account, role);
      if (member.role === 'owner' && (await tx.countOwners()) <= 1) throw conflict(LAST_OWNER_MESSAGE);
      await tx.setRole(userId, role);
      return { member: { ...member, role }, from: member.role };
    });
    if (result.from !== role) {
      this.accessChanged(userId, account.accountId);
      await this.record('member.role_changed', account, actor, `user:${userId}`, meta, {
        from: result.from,
        to: role,
      });
    }
    return result.member;
  }

  /**
   * Removes a member (members may also remove themselves, i.e. leave); takes effect on their next request.
   * @throws AppException 404 for a non-member; 403 when a non-owner removes an owner; 409 for the last owner
   */
  async remove(account: AccountContext, actor: SessionUser, userId: string, meta: ClientMeta): Promise<void> {
    const removed = await this.repository.inAccountTransaction(account.accountId, async (tx) => {
      const member = await this.member(tx, userId);
      this.assertMayTouchRole(account, member.role);
      if (member.role === 'owner' && (await tx.countOwners()) <= 1) throw conflict(LAST_OWNER_MESSAGE);
      await tx.removeMember(userId);
      return member;
    });
    this.accessChanged(userId, account.accountId);
    await this.record('member.removed', account, actor, `user:${userId}`, meta, { role: removed.role });
  }

  /**
   * What the acceptance page shows for a token (runs before any session: system database scope).
   * @throws AppException 404 for an unknown or wrong token; 410 `gone` for an expired, used or revoked one
   */
  async preview(token: string): Promise<InvitePreview> {
    return DbContext.runAsSystem('invite-accept', async () => {
      const invite = await this.usableInvite(token, this.clock.now());
      const userId = await this.repository.findUserIdByEmail(invite.email);
      return {
        accountName: invite.accountName,
        email: invite.email,
        role: invite.role,
        invitedBy: invite.invitedBy,
        expiresAt: invite.expiresAt.toISOString(),
        existingUser: userId !== null,
      };
    });
  }

  /**
   * Accepts an invite. Without a user for the invited email, `name` and `password` create one (argon2id); with
   * one, the caller must be signed in as that user. The token works once.
   * @throws AppException 404 unknown or wrong token; 410 `gone` expired, used or revoked; 400 `validation_failed`
   *   when name or password are missing for a new user; 401 when the email has a user and the caller is not signed
   *   in; 403 when signed in as someone else; 409 when already a member
   */
  async accept(
    request: AcceptInviteRequest,
    session: SessionUser | null,
    meta: ClientMeta,
  ): Promise<AcceptedInvite> {
    return DbContext.runAsSystem('invite-accept', async () => {
      const now = this.clock.now();
      const invite = await this.usableInvite(request.token, now);
      const existingUserId = await this.repository.findUserIdByEmail(invite.email);
      let who: Parameters<MembersRepository['accept']>[1];
      if (existingUserId !== null) {
        if (!session) throw AppException.unauthenticated(`Sign in as ${invite.email} to accept this invite`);
        const sessionEmail = await this.repository.findUserEmail(session.userId);
        if (session.userId !== existingUserId || sessionEmail !== invite.email) {
          throw AppException.forbidden(
            'This invite was sent to another email address: sign in with that address to accept it',
          );
        }
        who = { userId: existingUserId };
      } else {
        if (session) {
          throw AppException.forbidden(
            'This invite was sent to another email address: sign out to create an account for it',
          );
        }
        const missing = [
          ...(request.name === undefined ? [{ path: 'body.name', message: 'Enter your name' }] : []),
          ...(request.password === undefined
            ? [{ path: 'body.password', message: 'Choose a password' }]
            : []),
        ];
        if (missing.length > 0)
          throw AppException.validation(missing, 'Name and password are required to create your sign-in');
        who = {
          newUser: {
            id: randomUUID(),
            name: request.name ?? '',
            passwordHash: await hashPassword(request.password ?? ''),
          },
        };
      }
      const outcome = await this.repository.accept(invite, who, now);
      if (outcome.kind === 'already_used') throw gone('This invite link was already used');
      if (outcome.kind === 'already_member') throw conflict('You are already a member of this account');
      await this.audit.record({
        action: 'member.invite_accepted',
        accountId: invite.accountId,
        actorUserId: outcome.userId,
        target: `user:${outcome.userId}`,
        ip: meta.ip,
        userAgent: meta.userAgent,
        requestId: meta.requestId,
        metadata: { inviteId: invite.id, role: invite.role, userCreated: outcome.userCreated },
      });
      this.logger.log(
        `Invite accepted by ${maskEmail(invite.email)} (${outcome.userCreated ? 'new user' : 'existing user'})`,
      );
      return {
        accountId: invite.accountId,
        accountName: invite.accountName,
        role: invite.role,
        email: invite.email,
        userCreated: outcome.userCreated,
      };
    });
  }

  /** Remembers the account the user opened last. @throws AppException 404 when not a member of it */
  async setLastAccount(user: SessionUser, accountId: string): Promise<void> {
    const membership = await this.access.findMembership(user.userId, accountId);
    if (!membership) throw AppException.notFound('Account not found');
    await DbContext.runAsUser(user.userId, () =>
      this.repository.setLastAccount(user.userId, membership.accountId),
    );
  }

  /** Keeps the signed-in user's language for the portal (`GET /me` carries it) and for the emails sent to them. */
  async setLocale(user: SessionUser, locale: Locale): Promise<void> {
    await DbContext.runAsUser(user.userId, () => this.repository.setLocale(user.userId, locale));
  }

  /** The invite of a token if it may still be accepted. */
  private async usableInvite(token: string, now: Date): Promise<StoredInvite> {
    const { inviteId, secret } = parseInviteToken(token);
    const invite = await this.repository.findInvite(inviteId);
    if (!invite || !(await verifyInviteSecret(invite.tokenHash, secret)))
      throw AppException.notFound(INVALID_LINK);
    if (invite.acceptedAt) throw gone('This invite link was already used');
    if (invite.revokedAt) throw gone('This invite was withdrawn: ask the account owner for a new one');
    if (invite.expiresAt.getTime() <= now.getTime())
      throw gone('This invite link has expired: ask the account owner to resend it');
    return invite;
  }

  private async member(tx: MembersTransaction, userId: string): Promise<Member> {
    const member = await tx.findMember(userId);
    if (!member) throw AppException.notFound('Member not found');
    return member;
  }

  private async openInvite(tx: MembersTransaction, inviteId: string): Promise<StoredInvite> {
    const invite = await tx.findOpenInvite(inviteId);
    if (!invite) throw AppException.notFound('Invite not found');
    return invite;
  }

  /** Only owners grant, change or take the owner role. */
  private assertMayTouchRole(account: AccountContext, role: Role): void {
    if (role === 'owner' && account.role !== 'owner') throw AppException.forbidden(OWNER_ONLY_MESSAGE);
  }

  private async sendInvite(invite: StoredInvite, token: string, inviterUserId: string): Promise<void> {
    const link = new URL(`/invite/${encodeURIComponent(token)}`, this.env.PORTAL_ORIGIN).toString();
    // In the invited person's saved language when they already have a sign-in (users carry no account rows), else in
    // the inviter's: a colleague in the same company more often reads the same language than English.
    const locale = await this.repository.findUserLocale(invite.email, inviterUserId);
    try {
      await this.mail.send({
        to: invite.email,
        ...inviteMail({
          accountName: invite.accountName,
          invitedBy: invite.invitedBy,
          role: invite.role,
          link,
          expiresAt: invite.expiresAt,
          locale,
        }),
      });
    } catch (err) {
      this.logger.error(
        `Cannot send the invite email to ${maskEmail(invite.email)}: ${err instanceof Error ? err.name : 'error'}`,
      );
      // The mail server refused this recipient for good (SMTP 5xx to RCPT TO): the address is the problem.
      const responseCode = (err as { responseCode?: unknown } | null)?.responseCode;
      if (typeof responseCode === 'number' && responseCode >= 500 && responseCode < 600) {
        throw AppException.validation(
          [{ path: 'body.email', message: 'The mail server refused this address' }],
          'The invite email could not be delivered to this address; nothing was changed.',
        );
      }
      throw new AppException(
        'upstream_unavailable',
        'The invite email could not be sent; nothing was changed. Try again in a moment.',
      );
    }
  }

  /** A member's access changed: drop any cached membership so it applies on their next request. */
  private accessChanged(userId: string, accountId: string): void {
    // Drops the cached membership here at once and on the other instances (Redis pub/sub); a failed broadcast
    // leaves them at most ACCESS_CACHE_TTL_MS behind.
    this.access.invalidateMembership(userId, accountId).catch(() => undefined);
  }

  private async record(
    action:
      | 'member.invited'
      | 'member.invite_resent'
      | 'member.invite_revoked'
      | 'member.role_changed'
      | 'member.removed',
    account: AccountContext,
    actor: SessionUser,
    target: string,
    meta: ClientMeta,
    metadata: Record<string, string | number | boolean | null>,
  ): Promise<void> {
    await this.audit.record({
      action,
      accountId: account.accountId,
      actorUserId: actor.userId,
      target,
      ip: meta.ip,
      userAgent: meta.userAgent,
      requestId: meta.requestId,
      metadata,
    });
  }
}
