import { randomUUID } from 'node:crypto';
import type { Me } from '@portico/domain';
import type { MfaRepository, StoredMfa } from '../../src/modules/auth/mfa.repository';
import type { PasswordsRepository } from '../../src/modules/auth/passwords.repository';
import type {
  SessionClient,
  SessionsRepository,
  StoredRefreshToken,
  StoredSession,
} from '../../src/modules/auth/sessions.repository';
import type { UserCredentials, UsersRepository } from '../../src/modules/auth/users.repository';

/** A user as the fake stores it. */
export interface FakeUser {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  mfaSecret: string | null;
  mfaPendingSecret: string | null;
  mfaEnabledAt: Date | null;
  mfaLastTimeStep: number | null;
  locale?: 'en' | 'de' | null;
  passwordChangedAt: Date | null;
}

interface FakeSession extends StoredSession {
  userId: string;
  revokedAt: Date | null;
}

interface FakeRefreshToken {
  id: string;
  userId: string;
  familyId: string;
  tokenHash: string;
  expiresAt: Date;
  rotatedAt: Date | null;
  revokedAt: Date | null;
}

/**
 * The auth repositories ({@link UsersRepository}, {@link SessionsRepository}, {@link MfaRepository},
 * {@link PasswordsRepository}) in memory over one store, with the same conditional writes as the Prisma one (rotate only an unrotated,
 * unrevoked token; consume only a newer TOTP step; use a reset token only while unused and unexpired), so the
 * services' rules can be unit tested without PostgreSQL. The integration tests run the real repositories.
 */
export class InMemoryAuthRepository {
  readonly users = new Map<string, FakeUser>();
  readonly sessions = new Map<string, FakeSession>();
  /** The account whose identity provider asserted a second factor, by session id. */
  readonly sessionMfaAccounts = new Map<string, string | null>();
  readonly tokens: FakeRefreshToken[] = [];
  readonly recoveryCodes: Array<{ id: string; userId: string; codeHash: string; usedAt: Date | null }> = [];
  readonly resetTokens: Array<{ userId: string; tokenHash: string; expiresAt: Date; usedAt: Date | null }> =
    [];

  /** @param clock the time new sessions start at (the database's `now()` in the real one) */
  constructor(private readonly clock: { now(): Date }) {}

  asUsers(): UsersRepository {
    return this as unknown as UsersRepository;
  }

  asSessions(): SessionsRepository {
    return this as unknown as SessionsRepository;
  }

  asMfa(): MfaRepository {
    return this as unknown as MfaRepository;
  }

  asPasswords(): PasswordsRepository {
    return this as unknown as PasswordsRepository;
  }

  addUser(user: Partial<FakeUser> & Pick<FakeUser, 'email' | 'passwordHash'>): FakeUser {
    const full: FakeUser = {
      id: randomUUID(),
      name: user.email.split('@')[0] ?? 'user',
      mfaSecret: null,
      mfaPendingSecret: null,
      mfaEnabledAt: null,
      mfaLastTimeStep: null,
      passwordChangedAt: null,
      ...user,
    };
    this.users.set(full.id, full);
    return full;
  }

  findCredentials(email: string): Promise<UserCredentials | null> {
    const user = [...this.users.values()].find((u) => u.email === email);
    return Promise.resolve(user ? this.credentials(user) : null);
  }

  findCredentialsById(userId: string): Promise<UserCredentials | null> {
    const user = this.users.get(userId);
    return Promise.resolve(user ? this.credentials(user) : null);
  }

  findMe(userId: string): Promise<Me | null> {
    const user = this.users.get(userId);
    if (!user) return Promise.resolve(null);
    const me = {
      user: { id: user.id, email: user.email, name: user.name, mfaEnabled: user.mfaEnabledAt !== null },
      accounts: [],
    };
    return Promise.resolve(me as unknown as Me);
  }

  createSession(
    data: {
      sessionId: string;
      userId: string;
      tokenHash: string;
      expiresAt: Date;
      mfaAccountId?: string | null;
    } & SessionClient,
  ): Promise<void> {
    const now = this.clock.now();
    this.sessionMfaAccounts.set(data.sessionId, data.mfaAccountId ?? null);
    this.sessions.set(data.sessionId, {
      id: data.sessionId,
      userId: data.userId,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: data.expiresAt,
      userAgent: data.userAgent,
      ip: data.ip,
      revokedAt: null,
    });
    this.tokens.push({
      id: randomUUID(),
      userId: data.userId,
      familyId: data.sessionId,
      tokenHash: data.tokenHash,
      expiresAt: data.expiresAt,
      rotatedAt: null,
      revokedAt: null,
    });
    return Promise.resolve();
  }

  findRefreshToken(tokenHash: string): Promise<StoredRefreshToken | null> {
    const token = this.tokens.find((t) => t.tokenHash === tokenHash);
    if (!token) return Promise.resolve(null);
    const { tokenHash: _hash, ...rest } = token;
    return Promise.resolve({
      ...rest,
      sessionRevokedAt: this.sessions.get(token.familyId)?.revokedAt ?? null,
      sessionMfaAccountId: this.sessionMfaAccounts.get(token.familyId) ?? null,
    });
  }

  rotate(
    currentId: string,
    next: { userId: string; familyId: string; tokenHash: string; expiresAt: Date } & SessionClient,
    now: Date,
  ): Promise<boolean> {
    const current = this.tokens.find((t) => t.id === currentId);
    if (!current || current.rotatedAt || current.revokedAt) return Promise.resolve(false);
    current.rotatedAt = now;
    this.tokens.push({
      id: randomUUID(),
      userId: next.userId,
      familyId: next.familyId,
      tokenHash: next.tokenHash,
      expiresAt: next.expiresAt,
      rotatedAt: null,
      revokedAt: null,
    });
    const session = this.sessions.get(next.familyId);
    if (session) Object.assign(session, { lastSeenAt: now, ip: next.ip, userAgent: next.userAgent });
    return Promise.resolve(true);
  }

  revokeFamily(familyId: string, now: Date): Promise<number> {
    const session = this.sessions.get(familyId);
    if (session && !session.revokedAt) session.revokedAt = now;
    let count = 0;
    for (const t of this.tokens) {
      if (t.familyId === familyId && !t.revokedAt) {
        t.revokedAt = now;
        count += 1;
      }
    }
    return Promise.resolve(count);
  }

  listLiveSessions(userId: string, now: Date): Promise<StoredSession[]> {
    const live = [...this.sessions.values()]
      .filter((s) => s.userId === userId && !s.revokedAt && s.expiresAt.getTime() > now.getTime())
      .sort((a, b) => b.lastSeenAt.getTime() - a.lastSeenAt.getTime())
      .map(({ userId: _u, revokedAt: _r, ...s }) => s);
    return Promise.resolve(live);
  }

  revokeSessions(
    userId: string,
    filter: { only: string } | { except: string | null },
    now: Date,
  ): Promise<string[]> {
    const ids = [...this.sessions.values()]
      .filter((s) => s.userId === userId && !s.revokedAt)
      .filter((s) => ('only' in filter ? s.id === filter.only : s.id !== filter.except))
      .map((s) => s.id);
    for (const id of ids) void this.revokeFamily(id, now);
    return Promise.resolve(ids);
  }

  findMfa(userId: string): Promise<StoredMfa | null> {
    const u = this.users.get(userId);
    return Promise.resolve(
      u
        ? {
            email: u.email,
            passwordHash: u.passwordHash,
            secret: u.mfaSecret,
            pendingSecret: u.mfaPendingSecret,
            enabledAt: u.mfaEnabledAt,
            lastTimeStep: u.mfaLastTimeStep,
          }
        : null,
    );
  }

  countUnusedRecoveryCodes(userId: string): Promise<number> {
    return Promise.resolve(this.recoveryCodes.filter((c) => c.userId === userId && !c.usedAt).length);
  }

  setPendingSecret(userId: string, sealed: string): Promise<void> {
    this.user(userId).mfaPendingSecret = sealed;
    return Promise.resolve();
  }

  enableMfa(
    userId: string,
    pendingSealed: string,
    timeStep: number,
    recoveryCodeHashes: readonly string[],
    now: Date,
  ): Promise<boolean> {
    const u = this.user(userId);
    if (u.mfaPendingSecret !== pendingSealed) return Promise.resolve(false);
    Object.assign(u, {
      mfaSecret: pendingSealed,
      mfaPendingSecret: null,
      mfaEnabledAt: now,
      mfaLastTimeStep: timeStep,
    });
    this.removeRecoveryCodes(userId);
    for (const codeHash of recoveryCodeHashes)
      this.recoveryCodes.push({ id: randomUUID(), userId, codeHash, usedAt: null });
    return Promise.resolve(true);
  }

  disableMfa(userId: string): Promise<void> {
    Object.assign(this.user(userId), {
      mfaSecret: null,
      mfaPendingSecret: null,
      mfaEnabledAt: null,
      mfaLastTimeStep: null,
    });
    this.removeRecoveryCodes(userId);
    return Promise.resolve();
  }

  consumeTimeStep(userId: string, timeStep: number): Promise<boolean> {
    const u = this.user(userId);
    if (u.mfaLastTimeStep !== null && u.mfaLastTimeStep >= timeStep) return Promise.resolve(false);
    u.mfaLastTimeStep = timeStep;
    return Promise.resolve(true);
  }

  listUnusedRecoveryCodes(userId: string): Promise<{ id: string; codeHash: string }[]> {
    return Promise.resolve(
      this.recoveryCodes
        .filter((c) => c.userId === userId && !c.usedAt)
        .map(({ id, codeHash }) => ({ id, codeHash })),
    );
  }

  useRecoveryCode(id: string, now: Date): Promise<boolean> {
    const code = this.recoveryCodes.find((c) => c.id === id && !c.usedAt);
    if (!code) return Promise.resolve(false);
    code.usedAt = now;
    return Promise.resolve(true);
  }

  updatePassword(userId: string, passwordHash: string, now: Date): Promise<void> {
    Object.assign(this.user(userId), { passwordHash, passwordChangedAt: now });
    return Promise.resolve();
  }

  createResetToken(data: { userId: string; tokenHash: string; expiresAt: Date }): Promise<void> {
    this.resetTokens.push({ ...data, usedAt: null });
    return Promise.resolve();
  }

  findResetTokenOwner(tokenHash: string, now: Date): Promise<{ userId: string; email: string } | null> {
    const t = this.resetTokens.find(
      (r) => r.tokenHash === tokenHash && !r.usedAt && r.expiresAt.getTime() > now.getTime(),
    );
    return Promise.resolve(t ? { userId: t.userId, email: this.user(t.userId).email } : null);
  }

  resetPassword(tokenHash: string, passwordHash: string, now: Date): Promise<string | null> {
    const t = this.resetTokens.find((r) => r.tokenHash === tokenHash);
    if (!t || t.usedAt || t.expiresAt.getTime() <= now.getTime()) return Promise.resolve(null);
    for (const r of this.resetTokens) if (r.userId === t.userId && !r.usedAt) r.usedAt = now;
    Object.assign(this.user(t.userId), { passwordHash, passwordChangedAt: now });
    return Promise.resolve(t.userId);
  }

  private user(userId: string): FakeUser {
    const u = this.users.get(userId);
    if (!u) throw new Error(`no user ${userId}`);
    return u;
  }

  private removeRecoveryCodes(userId: string): void {
    for (let i = this.recoveryCodes.length - 1; i >= 0; i -= 1)
      if (this.recoveryCodes[i]?.userId === userId) this.recoveryCodes.splice(i, 1);
  }

  private credentials(u: FakeUser): UserCredentials {
    return {
      id: u.id,
      email: u.email,
      passwordHash: u.passwordHash,
      mfaEnabled: u.mfaEnabledAt !== null,
      locale: u.locale ?? null,
    };
  }
}
