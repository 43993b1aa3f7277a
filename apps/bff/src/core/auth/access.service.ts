import { Injectable } from '@nestjs/common';
import { DbContext } from '../prisma/db-context';
import { AccessRepository } from './access.repository';
import type { AccountContext } from './session.types';

/** RFC 4122-shaped UUID (any version). */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Answers "may this user see this account?". */
@Injectable()
export class AccessService {
  constructor(private readonly repository: AccessRepository) {}

  /** The user's membership of the account as an {@link AccountContext}, or null (also for non-UUID ids). */
  async findMembership(userId: string, accountId: string): Promise<AccountContext | null> {
    if (!UUID_PATTERN.test(accountId) || !UUID_PATTERN.test(userId)) return null;
    // Before the account scope exists: the lookup runs in the user's scope (their own memberships only).
    return DbContext.runAsUser(userId, () => this.repository.findMembership(userId, accountId.toLowerCase()));
  }

  /** Whether the user carries the `platform_admin` flag (false for unknown users and non-UUID ids). */
  async isPlatformAdmin(userId: string): Promise<boolean> {
    if (!UUID_PATTERN.test(userId)) return false;
    return DbContext.runAsUser(userId, () => this.repository.isPlatformAdmin(userId));
  }
}
