import { accessRooms, handshakeOriginAllowed, roomsAffectedBy } from './realtime.server';

describe('realtime access rules', () => {
  it('accepts only the portal origin, and requests without Origin (not from a browser page)', () => {
    const portal = 'http://localhost:3000';
    expect(handshakeOriginAllowed('http://localhost:3000', portal)).toBe(true);
    expect(handshakeOriginAllowed(undefined, portal)).toBe(true);
    expect(handshakeOriginAllowed('http://localhost:3001', portal)).toBe(false);
    expect(handshakeOriginAllowed('https://localhost:3000', portal)).toBe(false);
    expect(handshakeOriginAllowed('null', portal)).toBe(false);
    expect(handshakeOriginAllowed(['https://evil.example'], portal)).toBe(false);
  });

  it('maps each access change to the rooms of exactly the sockets it affects', () => {
    const user = 'AAAAAAAA-0000-4000-8000-000000000001';
    const account = 'bbbbbbbb-0000-4000-8000-000000000002';
    expect(roomsAffectedBy({ type: 'session_revoked', sessionIds: ['s1', 's2'] })).toEqual([
      'session:s1',
      'session:s2',
    ]);
    expect(roomsAffectedBy({ type: 'membership_changed', userId: user, accountId: account })).toEqual([
      accessRooms.member(user, account),
    ]);
    expect(accessRooms.member(user, account)).toBe(`member:${user.toLowerCase()}:${account}`);
    expect(roomsAffectedBy({ type: 'user_access_changed', userId: user })).toEqual([
      `user:${user.toLowerCase()}`,
    ]);
    expect(roomsAffectedBy({ type: 'account_access_changed', accountId: account })).toEqual([
      `account:${account}`,
    ]);
  });
});
