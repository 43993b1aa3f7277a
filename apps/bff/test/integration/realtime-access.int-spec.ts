import { sessionListSchema } from '@portico/domain';
import type { Client } from 'pg';
import { CachePort } from '../../src/core/cache/cache.port';
import type { Socket } from 'socket.io-client';
import { createAccount, createUser } from '../factories/account.factory';
import { testDb } from '../factories/db';
import { loginAs, statusOf } from '../support/login';
import { disconnectReason, openSocket, until } from '../support/realtime-clients';
import { createTestApp, type TestApp } from '../support/test-app';

/**
 * The realtime gateway's access rules, probed from outside the process over socket.io: the handshake's Origin,
 * revoked sessions at the handshake and at `join_account`, and sockets closed at once when their session is revoked
 * or their membership changes (on another instance too, with Redis).
 */
describe('realtime access (integration, socket.io from outside)', () => {
  let t: TestApp;
  let db: Client;
  let accountId: string;
  let ownerCookie: string;
  const sockets: Socket[] = [];

  /** Opens a socket with `cookie` (and `origin` when given); resolves with it or with the handshake's error. */
  async function connect(
    url: string,
    cookie: string,
    options: { origin?: string; transport?: 'websocket' | 'polling' } = {},
  ): Promise<{ socket: Socket; error?: Error }> {
    const opened = await openSocket(url, { cookie, ...options });
    sockets.push(opened.socket);
    return opened;
  }

  /** A connected socket joined to `account`'s room. */
  async function joined(url: string, cookie: string, account = accountId): Promise<Socket> {
    const { socket, error } = await connect(url, cookie, { origin: t.env.PORTAL_ORIGIN });
    if (error) throw error;
    const ack = await socket.timeout(5000).emitWithAck('join_account', { accountId: account });
    expect(ack).toEqual({ ok: true });
    return socket;
  }

  const call = (method: string, path: string, cookie: string, body?: object): Promise<number> =>
    statusOf(t.url, method, path, cookie, body);

  beforeAll(async () => {
    t = await createTestApp();
    db = await testDb();
    accountId = (await createAccount(db)).id;
    const owner = await createUser(db, { memberships: [{ accountId, role: 'owner' }] });
    ownerCookie = await loginAs(t.url, owner.email, owner.password);
  });
  afterAll(async () => {
    // A polling client sends its disconnect and close packets in requests of their own: wait for them (bounded) so
    // that none is still being sent once the test environment is gone.
    await Promise.all(
      sockets.map(
        (s) =>
          new Promise<void>((resolve) => {
            const engine = s.io.engine as
              { readyState?: string; once?: (event: string, fn: () => void) => void } | undefined;
            if (engine?.once === undefined || engine.readyState === 'closed') {
              s.close();
              resolve();
              return;
            }
            // real wait (bound only): a socket whose engine never reports its close does not hold the suite.
            const timer = setTimeout(resolve, 2_000);
            engine.once('close', () => {
              clearTimeout(timer);
              resolve();
            });
            s.close();
          }),
      ),
    );
    await db.end();
    await t.close();
  });

  it('refuses a handshake from a foreign Origin, over WebSocket and polling, even with a valid cookie', async () => {
    for (const transport of ['websocket', 'polling'] as const) {
      const foreign = await connect(t.url, ownerCookie, { origin: 'https://evil.example', transport });
      expect(foreign.error).toBeDefined();
      expect(foreign.socket.connected).toBe(false);
      const portal = await connect(t.url, ownerCookie, { origin: t.env.PORTAL_ORIGIN, transport });
      expect(portal.error).toBeUndefined();
    }
  });

  it('after logout: an open socket is disconnected at once and the old cookie no longer connects', async () => {
    const user = await createUser(db, { memberships: [{ accountId, role: 'viewer' }] });
    const cookie = await loginAs(t.url, user.email, user.password);
    const socket = await joined(t.url, cookie);
    const closed = disconnectReason(socket);
    expect(await call('POST', '/api/v1/auth/logout', cookie)).toBe(204);
    expect(await closed).toBe('io server disconnect');
    const again = await connect(t.url, cookie, { origin: t.env.PORTAL_ORIGIN });
    expect(again.error?.message).toBe('unauthenticated');
  });

  it('revoking one session from another disconnects that session’s sockets only', async () => {
    const user = await createUser(db, { memberships: [{ accountId, role: 'viewer' }] });
    const keep = await loginAs(t.url, user.email, user.password);
    const revoke = await loginAs(t.url, user.email, user.password);
    const kept = await joined(t.url, keep);
    const doomed = await joined(t.url, revoke);
    const closed = disconnectReason(doomed);
    const list = sessionListSchema.parse(
      await (await fetch(`${t.url}/api/v1/auth/sessions`, { headers: { cookie: keep } })).json(),
    );
    const other = list.sessions.find((s) => !s.current);
    expect(other).toBeDefined();
    expect(await call('DELETE', `/api/v1/auth/sessions/${other?.id}`, keep)).toBe(204);
    expect(await closed).toBe('io server disconnect');
    expect(kept.connected).toBe(true);
    expect(await kept.timeout(5000).emitWithAck('join_account', { accountId })).toEqual({ ok: true });
  });

  it('removing a member disconnects their sockets of that account, and they cannot join it again', async () => {
    const user = await createUser(db, { memberships: [{ accountId, role: 'viewer' }] });
    const cookie = await loginAs(t.url, user.email, user.password);
    const socket = await joined(t.url, cookie);
    const closed = disconnectReason(socket);
    expect(await call('DELETE', `/api/v1/accounts/${accountId}/members/${user.id}`, ownerCookie)).toBe(204);
    expect(await closed).toBe('io server disconnect');
    const { socket: again, error } = await connect(t.url, cookie, { origin: t.env.PORTAL_ORIGIN });
    expect(error).toBeUndefined();
    expect(await again.timeout(5000).emitWithAck('join_account', { accountId })).toEqual({
      ok: false,
      code: 'not_found',
    });
  });

  it("changing a member's role disconnects their sockets of that account (they rejoin with the new role)", async () => {
    const user = await createUser(db, { memberships: [{ accountId, role: 'viewer' }] });
    const cookie = await loginAs(t.url, user.email, user.password);
    const other = await createAccount(db);
    await db.query(
      "INSERT INTO memberships (id, user_id, account_id, role) VALUES (gen_random_uuid(), $1, $2, 'viewer')",
      [user.id, other.id],
    );
    const socket = await joined(t.url, cookie);
    const elsewhere = await joined(t.url, cookie, other.id);
    const closed = disconnectReason(socket);
    expect(
      await call('PATCH', `/api/v1/accounts/${accountId}/members/${user.id}`, ownerCookie, {
        role: 'billing',
      }),
    ).toBe(200);
    expect(await closed).toBe('io server disconnect');
    // A socket of the same user in another account only is not affected.
    expect(elsewhere.connected).toBe(true);
    await joined(t.url, cookie);
  });

  it('refuses join_account on a session revoked while the socket was open, and closes the socket', async () => {
    const user = await createUser(db, { memberships: [{ accountId, role: 'viewer' }] });
    const cookie = await loginAs(t.url, user.email, user.password);
    const { socket, error } = await connect(t.url, cookie, { origin: t.env.PORTAL_ORIGIN });
    expect(error).toBeUndefined();
    // Revoked behind the gateway's back (as if the announcement were lost): the denylist still decides.
    const { sessions } = sessionListSchema.parse(
      await (await fetch(`${t.url}/api/v1/auth/sessions`, { headers: { cookie } })).json(),
    );
    const sessionId = sessions.find((s) => s.current)?.id ?? '';
    await t.app.get(CachePort).set(`auth:revoked-session:${sessionId}`, true, 60_000);
    const closed = disconnectReason(socket);
    expect(await socket.timeout(5000).emitWithAck('join_account', { accountId })).toEqual({
      ok: false,
      code: 'unauthenticated',
    });
    expect(await closed).toBe('io server disconnect');
  });

  (process.env.REDIS_URL ? it : it.skip)(
    'disconnects a socket held by another instance when the session is revoked here',
    async () => {
      const other = await createTestApp();
      try {
        const user = await createUser(db, { memberships: [{ accountId, role: 'viewer' }] });
        const cookie = await loginAs(t.url, user.email, user.password);
        const onOther = await joined(other.url, cookie);
        const closed = disconnectReason(onOther);
        expect(await call('POST', '/api/v1/auth/logout', cookie)).toBe(204);
        expect(await closed).toBe('io server disconnect');
        const again = await connect(other.url, cookie, { origin: t.env.PORTAL_ORIGIN });
        expect(again.error?.message).toBe('unauthenticated');
        // Membership changes reach the other instance too.
        const member = await createUser(db, { memberships: [{ accountId, role: 'viewer' }] });
        const memberCookie = await loginAs(t.url, member.email, member.password);
        const memberSocket = await joined(other.url, memberCookie);
        const memberClosed = disconnectReason(memberSocket);
        expect(await call('DELETE', `/api/v1/accounts/${accountId}/members/${member.id}`, ownerCookie)).toBe(
          204,
        );
        expect(await memberClosed).toBe('io server disconnect');
        await until(() => !memberSocket.connected, 2000, 'the member socket closed');
      } finally {
        await other.close();
      }
    },
  );
});
