import type { AccountSecurityRepository } from '../../src/modules/auth/account-security.repository';

/** {@link AccountSecurityRepository} in memory: the account table's one setting. */
export class InMemoryAccountSecurity {
  readonly mfaRequired = new Map<string, boolean>();

  findAccountMfaRequired(accountId: string): Promise<boolean> {
    return Promise.resolve(this.mfaRequired.get(accountId) ?? false);
  }

  setAccountMfaRequired(accountId: string, mfaRequired: boolean): Promise<void> {
    this.mfaRequired.set(accountId, mfaRequired);
    return Promise.resolve();
  }

  asRepository(): AccountSecurityRepository {
    return this as unknown as AccountSecurityRepository;
  }
}
