import type { AccountContext } from '../../core/auth';
import { AppException } from '../../core/http/app.exception';
import { InMemoryAccountSecurity } from '../../../test/fakes/account-security-repository.fake';
import { RecordingAccess, RecordingAudit } from '../../../test/fakes/recorders.fake';
import { AccountSecurityService } from './account-security.service';

const CTX = {
  accountId: 'acc-1',
  actorUserId: 'u-owner',
  ip: '203.0.113.7',
  userAgent: 'test',
  requestId: 'req-1',
};

function world() {
  const store = new InMemoryAccountSecurity();
  const audit = new RecordingAudit();
  const access = new RecordingAccess();
  const service = new AccountSecurityService(store.asRepository(), audit.asService(), access.asService());
  return { store, audit, access, service };
}

const owner = (memberMfaEnabled: boolean): AccountContext => ({
  accountId: 'acc-1',
  accountName: 'Acme',
  role: 'owner',
  whmcsClientId: 1,
  salesforceAccountId: null,
  mfaRequired: false,
  memberMfaEnabled,
});

describe('AccountSecurityService', () => {
  it('refuses to require two-factor of every member when the owner has none, and changes nothing', async () => {
    const { store, audit, access, service } = world();
    const err = await service.update(owner(false), { mfaRequired: true }, CTX).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppException);
    expect((err as AppException).status).toBe(409);
    expect(store.mfaRequired.size).toBe(0);
    expect(audit.records).toHaveLength(0);
    expect(access.invalidated).toHaveLength(0);
  });

  it('requires it, drops the cached access of the account and records who did it', async () => {
    const { store, audit, access, service } = world();
    await expect(service.update(owner(true), { mfaRequired: true }, CTX)).resolves.toEqual({
      mfaRequired: true,
    });
    await expect(service.get(owner(true))).resolves.toEqual({ mfaRequired: true });
    expect(store.mfaRequired.get('acc-1')).toBe(true);
    expect(access.invalidated).toEqual(['account:acc-1']);
    expect(audit.records).toMatchObject([
      {
        action: 'account.mfa_requirement_changed',
        target: 'account:acc-1',
        metadata: { mfaRequired: true },
      },
    ]);
  });

  it('lets an owner without two-factor stop requiring it', async () => {
    const { store, service } = world();
    store.mfaRequired.set('acc-1', true);
    await service.update(owner(false), { mfaRequired: false }, CTX);
    expect(store.mfaRequired.get('acc-1')).toBe(false);
  });
});
