import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { passwordPolicyIssues } from '@portico/domain';
import { type SessionUser } from '../../core/auth';
import { hashPassword, verifyPassword } from '../../core/auth/password-hasher';
import { Clock } from '../../core/clock/clock';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { AppException } from '../../core/http/app.exception';
import { maskEmail } from '../../core/logging/mask-email';
import { MailPort } from '../../core/mail/mail.port';
import { DbContext } from '../../core/prisma/db-context';
import { AuditService } from '../audit/audit.service';
import { PasswordsRepository } from './passwords.repository';
import { UsersRepository } from './users.repository';
import type { ClientMeta } from '../audit/audit-context';
import { SessionsService } from './sessions.service';
import { passwordResetMail } from './password-reset.mail';

/** The ~49,000 most common passwords (zxcvbn-ts `passwords-common`), lower-cased. */
let commonPasswords: ReadonlySet<string> | undefined;
/** {@link commonPasswords}, built on first use: a password is checked rarely, the set weighs a few MB. */
function commonPasswordSet(): ReadonlySet<string> {
  if (commonPasswords === undefined) {
    const { dictionary } =
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use, on purpose
      require('@zxcvbn-ts/language-common') as typeof import('@zxcvbn-ts/language-common');
    commonPasswords = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
  }
  return commonPasswords;
}

/**
 * Every broken password rule: the domain's (length or passphrase, no email local part) plus "not a common
 * password". @returns messages, empty when the password is acceptable
 */
export function passwordIssues(password: string, email: string | null): string[] {
  const issues = passwordPolicyIssues(password, email);
  const lower = password.toLowerCase();
  const common = commonPasswordSet();
  if (common.has(lower) || common.has(lower.replace(/[\s\-_.]/g, ''))) {
    issues.push('This password is too common: choose another');
  }
  return issues;
}

function assertPolicy(password: string, email: string, path: string): void {
  const issues = passwordIssues(password, email);
  if (issues.length > 0)
    throw AppException.validation(
      issues.map((message) => ({ path, message })),
      issues[0],
    );
}

const sha256 = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

/** Password change (signed in), and reset by an emailed single-use link. Hashes with argon2id. */
@Injectable()
export class PasswordService {
  private readonly logger = new Logger('Password');

  constructor(
    private readonly users: UsersRepository,
    private readonly passwords: PasswordsRepository,
    private readonly sessions: SessionsService,
    private readonly audit: AuditService,
    private readonly mail: MailPort,
    @Inject(ENV) private readonly env: Env,
    private readonly clock: Clock,
  ) {}

  /**
   * Changes the signed-in user's password and ends their other sessions.
   * @throws AppException 400 `validation_failed` for a wrong current password or a new one breaking the policy
   */
  async change(
    user: SessionUser,
    currentPassword: string,
    newPassword: string,
    meta: ClientMeta,
  ): Promise<void> {
    await DbContext.runAsUser(user.userId, async () => {
      const credentials = await this.users.findCredentialsById(user.userId);
      if (!credentials) throw AppException.unauthenticated();
      if (!(await verifyPassword(credentials.passwordHash, currentPassword))) {
        throw AppException.validation(
          [{ path: 'body.currentPassword', message: 'The current password is not correct' }],
          'The current password is not correct',
        );
      }
      assertPolicy(newPassword, credentials.email, 'body.newPassword');
      await this.passwords.updatePassword(user.userId, await hashPassword(newPassword), this.clock.now());
      await this.audit.record({
        action: 'auth.password_changed',
        actorUserId: user.userId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        requestId: meta.requestId,
      });
      await this.sessions.revokeOthers(user, meta, 'password_changed');
    });
  }

  /**
   * Emails a single-use reset link (`PORTAL_ORIGIN/reset-password#token=...`, valid `PASSWORD_RESET_TTL_SECONDS`)
   * when the email belongs to a user. Answers the same way, and as fast, either way: the mail goes out in the
   * background. The token is stored only as its sha256.
   */
  async requestReset(emailInput: string, meta: ClientMeta): Promise<void> {
    const email = emailInput.trim().toLowerCase();
    await DbContext.runAsSystem('password-reset-request', async () => {
      const user = await this.users.findCredentials(email);
      await this.audit.record({
        action: 'auth.password_reset_requested',
        actorUserId: user?.id ?? null,
        ip: meta.ip,
        userAgent: meta.userAgent,
        requestId: meta.requestId,
        metadata: { email: maskEmail(email), known: user !== null },
      });
      if (!user) return;
      const token = randomBytes(32).toString('base64url');
      const expiresAt = new Date(this.clock.nowMs() + this.env.PASSWORD_RESET_TTL_SECONDS * 1000);
      await this.passwords.createResetToken({ userId: user.id, tokenHash: sha256(token), expiresAt });
      const link = `${this.env.PORTAL_ORIGIN.replace(/\/+$/, '')}/reset-password#token=${token}`;
      const minutes = Math.round(this.env.PASSWORD_RESET_TTL_SECONDS / 60);
      this.mail
        .send({ to: user.email, ...passwordResetMail({ link, minutes, locale: user.locale }) })
        .catch((err: unknown) =>
          this.logger.error(
            `Cannot send the password reset email to ${maskEmail(user.email)}: ${err instanceof Error ? err.message : String(err)}`,
          ),
        );
    });
  }

  /**
   * Sets a new password with a reset token, spends the token (and the user's other unused ones) and ends every
   * session of the user.
   * @throws AppException 400 `validation_failed` for an unknown, used or expired token or a password breaking the policy
   */
  async reset(token: string, newPassword: string, meta: ClientMeta): Promise<void> {
    await DbContext.runAsSystem('password-reset', async () => {
      const invalid = AppException.validation(
        [{ path: 'body.token', message: 'This reset link is invalid, used or expired' }],
        'This reset link is invalid, used or expired: ask for a new one',
      );
      const tokenHash = sha256(token);
      const owner = await this.passwords.findResetTokenOwner(tokenHash, this.clock.now());
      if (!owner) throw invalid;
      assertPolicy(newPassword, owner.email, 'body.newPassword');
      const userId = await this.passwords.resetPassword(
        tokenHash,
        await hashPassword(newPassword),
        this.clock.now(),
      );
      if (!userId) throw invalid;
      await this.audit.record({
        action: 'auth.password_reset',
        actorUserId: userId,
        ip: meta.ip,
        userAgent: meta.userAgent,
        requestId: meta.requestId,
      });
      await this.sessions.revokeAll(userId, meta, 'password_reset');
    });
  }
}
