import { randomUUID } from 'node:crypto';
import { REALTIME_EVENT_TYPES, type RealtimeEvent } from '@portico/domain';
import type { Client } from 'pg';
import type { Socket } from 'socket.io-client';
import { EventBus } from '../../src/core/events/event-bus.port';
import { startRealtime, type RunningRealtime } from '../../src/realtime-app';
import { createAccount, createUser } from '../factories/account.factory';
import { testDb } from '../factories/db';
import { loginAs, statusOf } from '../support/login';
import { disconnectReason, openSocket, until, usageEvent } from '../support/realtime-clients';
import { createTestApp, type TestApp } from '../support/test-app';

const METRICS_TOKEN = `metrics-${randomUUID()}`;

/**
 * The separate realtime process (`REALTIME_PROCESS=separate`, realtime-app.ts) against a BFF on the same PostgreSQL
 * and Redis: the gateway's rules hold there as on the BFF (Origin, cookie, denylist, membership, the account's
 * two-factor requirement, sockets closed on access changes), and the events the BFF publishes reach its clients over
 * the Redis event bus. Needs Redis: without it there is no separate process (the BFF refuses the setting).
 */
(process.env.REDIS_URL ? describe : describe.skip)('separate realtime process (integration, Redis)', () => {
  let t: TestApp;
  let realtime: RunningRealtime;
  let db: Client;
  let accountId: string;
  let ownerCookie: string;
  const sockets: Socket[] = [];

  async function connect(
    url: string,
    cookie: string | undefined,
    origin?: string,
  ): Promise<{ socket: Socket; error?: Error }> {
    const opened = await openSocket(url, { cookie, origin });
    sockets.push(opened.socket);
    return opened;
  }

  /** A socket on the realtime process, joined to `account`'s room, recording every realtime event. */
  async function joined(
    cookie: string,
    account = accountId,
  ): Promise<{ socket: Socket; received: RealtimeEvent[] }> {
    const { socket, error } = await connect(realtime.url, cookie, t.env.PORTAL_ORIGIN);
    if (error) throw error;
    const received: RealtimeEvent[] = [];
    for (const type of REALTIME_EVENT_TYPES) socket.on(type, (event: RealtimeEvent) => received.push(event));
    expect(await socket.timeout(5000).emitWithAck('join_account', { accountId: account })).toEqual({
      ok: true,
    });
    return { socket, received };
  }

  const call = (method: string, path: string, cookie: string, body?: object): Promise<number> =>
    statusOf(t.url, method, path, cookie, body);

  beforeAll(async () => {
    t = await createTestApp({ REALTIME_PROCESS: 'separate', METRICS_TOKEN });
    realtime = await startRealtime({ ...t.env, REALTIME_PORT: 0, HOST: '127.0.0.1' });
    db = await testDb();
    accountId = (await createAccount(db)).id;
    const owner = await createUser(db, { memberships: [{ accountId, role: 'owner' }] });
    ownerCookie = await loginAs(t.url, owner.email, owner.password);
  });
  afterAll(async () => {
    for (const socket of sockets) socket.close();
    await realtime.close();
    await db.end();
    await t.close();
  });

  it('holds the sockets instead of the BFF, which serves no socket.io with REALTIME_PROCESS=separate', async () => {
    const onBff = await connect(t.url, ownerCookie, t.env.PORTAL_ORIGIN);
    expect(onBff.error).toBeDefined();
    const onRealtime = await connect(realtime.url, ownerCookie, t.env.PORTAL_ORIGIN);
    expect(onRealtime.error).toBeUndefined();
  });

  it('refuses a foreign Origin and a handshake without a valid access cookie', async () => {
    expect((await connect(realtime.url, ownerCookie, 'https://evil.example')).error).toBeDefined();
    expect((await connect(realtime.url, undefined, t.env.PORTAL_ORIGIN)).error?.message).toBe(
      'unauthenticated',
    );
    expect(
      (await connect(realtime.url, 'portico_at=forged.token.value', t.env.PORTAL_ORIGIN)).error?.message,
    ).toBe('unauthenticated');
  });

  it("checks join_account's payload, the membership and the account's two-factor requirement", async () => {
    const { socket } = await connect(realtime.url, ownerCookie, t.env.PORTAL_ORIGIN);
    expect(await socket.timeout(5000).emitWithAck('join_account', { account: 'x' })).toEqual({
      ok: false,
      code: 'validation_failed',
    });
    const foreign = await createAccount(db);
    expect(await socket.timeout(5000).emitWithAck('join_account', { accountId: foreign.id })).toEqual({
      ok: false,
      code: 'not_found',
    });
    const strict = await createAccount(db);
    await db.query('UPDATE accounts SET mfa_required = true WHERE id = $1', [strict.id]);
    const user = await createUser(db, { memberships: [{ accountId: strict.id, role: 'viewer' }] });
    const cookie = await loginAs(t.url, user.email, user.password);
    const { socket: withoutMfa } = await connect(realtime.url, cookie, t.env.PORTAL_ORIGIN);
    expect(await withoutMfa.timeout(5000).emitWithAck('join_account', { accountId: strict.id })).toEqual({
      ok: false,
      code: 'mfa_enrolment_required',
    });
  });

  it("relays the events the BFF publishes to the account's room only", async () => {
    const member = await joined(ownerCookie);
    const other = await createAccount(db);
    const stranger = await createUser(db, { memberships: [{ accountId: other.id, role: 'owner' }] });
    const outsider = await joined(await loginAs(t.url, stranger.email, stranger.password), other.id);
    const event = usageEvent(accountId);
    await t.app.get(EventBus).publish(event);
    await until(
      () => member.received.some((e) => e.id === event.id),
      5000,
      'the event on the realtime process',
    );
    expect(member.received.filter((e) => e.id === event.id)).toHaveLength(1);
    expect(outsider.received.some((e) => e.id === event.id)).toBe(false);
  });

  it('closes the sockets of a session logged out on the BFF, and refuses its cookie afterwards', async () => {
    const user = await createUser(db, { memberships: [{ accountId, role: 'viewer' }] });
    const cookie = await loginAs(t.url, user.email, user.password);
    const { socket } = await joined(cookie);
    const closed = disconnectReason(socket);
    expect(await call('POST', '/api/v1/auth/logout', cookie)).toBe(204);
    expect(await closed).toBe('io server disconnect');
    expect((await connect(realtime.url, cookie, t.env.PORTAL_ORIGIN)).error?.message).toBe('unauthenticated');
  });

  it('closes the sockets of a member removed on the BFF; the user cannot join the account again', async () => {
    const user = await createUser(db, { memberships: [{ accountId, role: 'viewer' }] });
    const cookie = await loginAs(t.url, user.email, user.password);
    const { socket } = await joined(cookie);
    const closed = disconnectReason(socket);
    expect(await call('DELETE', `/api/v1/accounts/${accountId}/members/${user.id}`, ownerCookie)).toBe(204);
    expect(await closed).toBe('io server disconnect');
    const { socket: again, error } = await connect(realtime.url, cookie, t.env.PORTAL_ORIGIN);
    expect(error).toBeUndefined();
    expect(await again.timeout(5000).emitWithAck('join_account', { accountId })).toEqual({
      ok: false,
      code: 'not_found',
    });
  });

  it('answers its health probe, and its metrics only with the token', async () => {
    expect((await fetch(`${realtime.url}/health/live`)).status).toBe(200);
    const refused = await fetch(`${realtime.url}/metrics`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'unauthenticated' });
    const metrics = await fetch(`${realtime.url}/metrics`, {
      headers: { authorization: `Bearer ${METRICS_TOKEN}` },
    });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toMatch(/^portico_realtime_sockets_connected \d+/m);
    expect((await fetch(`${realtime.url}/api/v1/me`)).status).toBe(404);
  });
});
