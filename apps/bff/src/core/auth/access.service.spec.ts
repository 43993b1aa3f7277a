import { loadEnv } from '../config/env';
import type { RedisConnections } from '../redis/redis.provider';
import type { AccessRepository } from './access.repository';
import { AccessService } from './access.service';
import type { AccountContext } from './session.types';
import { InProcessEventBus } from '../events/in-process-event-bus.adapter';

const USER = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const ACCOUNT = 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa';

function build(ttlMs = 5000) {
  const rows = new Map<string, AccountContext>();
  const calls = { count: 0 };
  const repository = {
    findMembership: async (userId: string, accountId: string) => {
      calls.count += 1;
      return rows.get(`${userId}:${accountId}`) ?? null;
    },
  } as unknown as AccessRepository;
  const redis = { enabled: false } as RedisConnections;
  const service = new AccessService(
    repository,
    { ...loadEnv({}), ACCESS_CACHE_TTL_MS: ttlMs },
    redis,
    new InProcessEventBus(),
  );
  const grant = (userId: string, role: AccountContext['role']) =>
    rows.set(`${userId}:${ACCOUNT}`, {
      accountId: ACCOUNT,
      accountName: 'Acme',
      role,
      whmcsClientId: 1,
      salesforceAccountId: null,
    });
  return { service, rows, calls, grant };
}

describe('AccessService', () => {
  it('reads a membership once, then from the cache', async () => {
    const { service, calls, grant } = build();
    grant(USER, 'owner');
    expect((await service.findMembership(USER, ACCOUNT))?.role).toBe('owner');
    expect((await service.findMembership(USER, ACCOUNT.toUpperCase()))?.role).toBe('owner');
    expect(calls.count).toBe(1);
  });

  it('never caches a refusal: a member added later gets in at once', async () => {
    const { service, grant } = build();
    expect(await service.findMembership(USER, ACCOUNT)).toBeNull();
    grant(USER, 'viewer');
    expect((await service.findMembership(USER, ACCOUNT))?.role).toBe('viewer');
  });

  it('invalidateMembership drops one membership; a role change or removal shows at once', async () => {
    const { service, rows, grant } = build();
    grant(USER, 'owner');
    grant(OTHER, 'viewer');
    await service.findMembership(USER, ACCOUNT);
    await service.findMembership(OTHER, ACCOUNT);
    grant(USER, 'viewer');
    rows.delete(`${OTHER}:${ACCOUNT}`);
    expect((await service.findMembership(USER, ACCOUNT))?.role).toBe('owner'); // still cached
    await service.invalidateMembership(USER, ACCOUNT);
    expect((await service.findMembership(USER, ACCOUNT))?.role).toBe('viewer');
    expect(await service.findMembership(OTHER, ACCOUNT)).not.toBeNull(); // not invalidated yet
    await service.invalidateAccount(ACCOUNT);
    expect(await service.findMembership(OTHER, ACCOUNT)).toBeNull();
  });

  it('invalidateUser drops every membership of a user (user facts such as two-factor are in the context)', async () => {
    const { service, rows, grant } = build();
    grant(USER, 'owner');
    await service.findMembership(USER, ACCOUNT);
    rows.delete(`${USER}:${ACCOUNT}`);
    expect(await service.findMembership(USER, ACCOUNT)).not.toBeNull();
    await service.invalidateUser(USER.toUpperCase());
    expect(await service.findMembership(USER, ACCOUNT)).toBeNull();
  });

  it('with ACCESS_CACHE_TTL_MS 0 reads every time; malformed ids never reach the database', async () => {
    const { service, calls, grant } = build(0);
    grant(USER, 'owner');
    await service.findMembership(USER, ACCOUNT);
    await service.findMembership(USER, ACCOUNT);
    expect(calls.count).toBe(2);
    expect(await service.findMembership(USER, 'not-a-uuid')).toBeNull();
    expect(calls.count).toBe(2);
  });
});
