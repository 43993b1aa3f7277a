import type { Member, Role } from '@portico/domain';
import type {
  AcceptOutcome,
  MembersRepository,
  MembersTransaction,
  StoredInvite,
} from '../../src/modules/members/members.repository';

interface FakeMembership {
  userId: string;
  accountId: string;
  role: Role;
  joinedAt: Date;
}

interface FakeUser {
  id: string;
  email: string;
  name: string;
  passwordHash: string;
  lastAccountId: string | null;
  locale?: 'en' | 'de' | null;
}

interface State {
  users: FakeUser[];
  memberships: FakeMembership[];
  invites: StoredInvite[];
}

/**
 * {@link MembersRepository} in memory. A transaction works on the live state and puts the previous state back when
 * its function throws (as PostgreSQL's rollback does), so "nothing is stored when the email fails" can be tested.
 * Conditional writes match the Prisma ones (accept only an open, unexpired invite with the same token hash).
 */
export class InMemoryMembersRepository {
  state: State = { users: [], memberships: [], invites: [] };
  readonly accountNames = new Map<string, string>();

  asRepository(): MembersRepository {
    return this as unknown as MembersRepository;
  }

  addUser(user: { id: string; email: string; name: string; locale?: 'en' | 'de' | null }): void {
    this.state.users.push({ ...user, passwordHash: 'x', lastAccountId: null });
  }

  addMember(
    accountId: string,
    user: { id: string; email: string; name: string },
    role: Role,
    joinedAt = new Date(0),
  ): void {
    if (!this.state.users.some((u) => u.id === user.id)) this.addUser(user);
    this.state.memberships.push({ userId: user.id, accountId, role, joinedAt });
  }

  roleOf(accountId: string, userId: string): Role | null {
    return this.state.memberships.find((m) => m.accountId === accountId && m.userId === userId)?.role ?? null;
  }

  list(accountId: string): Promise<{ members: Member[]; invites: StoredInvite[] }> {
    const members = this.state.memberships
      .filter((m) => m.accountId === accountId)
      .map((m) => this.member(m))
      .sort((a, b) => a.name.localeCompare(b.name) || a.email.localeCompare(b.email));
    const invites = this.state.invites
      .filter((i) => i.accountId === accountId && !i.acceptedAt && !i.revokedAt)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
    return Promise.resolve({ members, invites: invites.map((i) => ({ ...i })) });
  }

  async inAccountTransaction<T>(accountId: string, fn: (tx: MembersTransaction) => Promise<T>): Promise<T> {
    const before = structuredClone(this.state);
    try {
      return await fn(this.transaction(accountId));
    } catch (err) {
      this.state = before;
      throw err;
    }
  }

  findInvite(inviteId: string): Promise<StoredInvite | null> {
    const invite = this.state.invites.find((i) => i.id === inviteId);
    return Promise.resolve(invite ? { ...invite } : null);
  }

  findUserLocale(email: string, fallbackUserId?: string): Promise<'en' | 'de' | null> {
    const localeOf = (user: FakeUser | undefined): 'en' | 'de' | null => user?.locale ?? null;
    return Promise.resolve(
      localeOf(this.state.users.find((u) => u.email === email)) ??
        localeOf(this.state.users.find((u) => u.id === fallbackUserId)),
    );
  }

  findUserIdByEmail(email: string): Promise<string | null> {
    return Promise.resolve(this.state.users.find((u) => u.email === email)?.id ?? null);
  }

  findUserEmail(userId: string): Promise<string | null> {
    return Promise.resolve(this.state.users.find((u) => u.id === userId)?.email ?? null);
  }

  accept(
    invite: StoredInvite,
    who: { userId: string } | { newUser: { id: string; name: string; passwordHash: string } },
    now: Date,
  ): Promise<AcceptOutcome> {
    const stored = this.state.invites.find(
      (i) =>
        i.id === invite.id &&
        i.tokenHash === invite.tokenHash &&
        !i.acceptedAt &&
        !i.revokedAt &&
        i.expiresAt.getTime() > now.getTime(),
    );
    if (!stored) return Promise.resolve({ kind: 'already_used' });
    let userId: string;
    let userCreated = false;
    if ('newUser' in who) {
      if (this.state.users.some((u) => u.email === invite.email))
        return Promise.resolve({ kind: 'already_used' });
      this.state.users.push({
        id: who.newUser.id,
        email: invite.email,
        name: who.newUser.name,
        passwordHash: who.newUser.passwordHash,
        lastAccountId: null,
      });
      userId = who.newUser.id;
      userCreated = true;
    } else {
      userId = who.userId;
      if (this.roleOf(invite.accountId, userId) !== null) return Promise.resolve({ kind: 'already_member' });
    }
    stored.acceptedAt = now;
    this.state.memberships.push({ userId, accountId: invite.accountId, role: invite.role, joinedAt: now });
    return Promise.resolve({ kind: 'accepted', userId, userCreated });
  }

  setLastAccount(userId: string, accountId: string): Promise<void> {
    const user = this.state.users.find((u) => u.id === userId);
    if (user) user.lastAccountId = accountId;
    return Promise.resolve();
  }

  private member(m: FakeMembership): Member {
    const user = this.state.users.find((u) => u.id === m.userId);
    return {
      userId: m.userId,
      email: user?.email ?? '',
      name: user?.name ?? '',
      role: m.role,
      joinedAt: m.joinedAt.toISOString(),
    };
  }

  private transaction(accountId: string): MembersTransaction {
    const find = (userId: string) =>
      this.state.memberships.find((m) => m.accountId === accountId && m.userId === userId);
    const open = (i: StoredInvite) => i.accountId === accountId && !i.acceptedAt && !i.revokedAt;
    const tx = {
      accountId,
      findMember: (userId: string) => Promise.resolve(find(userId) ? this.member(find(userId)!) : null),
      isMemberByEmail: (email: string) =>
        Promise.resolve(
          this.state.memberships.some(
            (m) =>
              m.accountId === accountId && this.state.users.find((u) => u.id === m.userId)?.email === email,
          ),
        ),
      countOwners: () =>
        Promise.resolve(
          this.state.memberships.filter((m) => m.accountId === accountId && m.role === 'owner').length,
        ),
      setRole: (userId: string, role: Role) => {
        const m = find(userId);
        if (!m) throw new Error('no such membership');
        m.role = role;
        return Promise.resolve();
      },
      removeMember: (userId: string) => {
        this.state.memberships = this.state.memberships.filter(
          (m) => !(m.accountId === accountId && m.userId === userId),
        );
        const user = this.state.users.find((u) => u.id === userId && u.lastAccountId === accountId);
        if (user) user.lastAccountId = null;
        return Promise.resolve();
      },
      findOpenInvites: (email: string) =>
        Promise.resolve(
          this.state.invites.filter((i) => open(i) && i.email === email).map((i) => ({ ...i })),
        ),
      findOpenInvite: (inviteId: string) => {
        const invite = this.state.invites.find((i) => open(i) && i.id === inviteId);
        return Promise.resolve(invite ? { ...invite } : null);
      },
      createInvite: (data: {
        id: string;
        email: string;
        role: Role;
        tokenHash: string;
        invitedByUserId: string;
        createdAt: Date;
        expiresAt: Date;
      }) => {
        const invite: StoredInvite = {
          id: data.id,
          accountId,
          accountName: this.accountNames.get(accountId) ?? 'Acme',
          email: data.email,
          role: data.role,
          tokenHash: data.tokenHash,
          invitedBy: this.state.users.find((u) => u.id === data.invitedByUserId)?.name ?? null,
          createdAt: data.createdAt,
          expiresAt: data.expiresAt,
          acceptedAt: null,
          revokedAt: null,
        };
        this.state.invites.push(invite);
        return Promise.resolve({ ...invite });
      },
      renewInvite: (
        inviteId: string,
        data: { tokenHash: string; invitedByUserId: string; expiresAt: Date },
      ) => {
        const invite = this.state.invites.find((i) => i.id === inviteId);
        if (!invite) throw new Error('no such invite');
        Object.assign(invite, {
          tokenHash: data.tokenHash,
          expiresAt: data.expiresAt,
          invitedBy: this.state.users.find((u) => u.id === data.invitedByUserId)?.name ?? null,
        });
        return Promise.resolve({ ...invite });
      },
      revokeInvites: (inviteIds: string[], now: Date) => {
        for (const i of this.state.invites) if (inviteIds.includes(i.id) && open(i)) i.revokedAt = now;
        return Promise.resolve();
      },
    };
    return tx as unknown as MembersTransaction;
  }
}
