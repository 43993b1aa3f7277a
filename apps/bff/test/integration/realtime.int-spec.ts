import { meSchema } from '@portico/domain';
import { io, type Socket } from 'socket.io-client';
import { createTestApp, type TestApp } from '../support/test-app';
import { loginAs } from '../support/login';

describe('realtime gateway (integration)', () => {
  let t: TestApp;
  const sockets: Socket[] = [];

  function connect(cookie?: string): Promise<{ socket: Socket; error?: Error }> {
    const socket = io(t.url, {
      transports: ['websocket'],
      extraHeaders: cookie ? { cookie } : {},
      reconnection: false,
    });
    sockets.push(socket);
    return new Promise((resolve) => {
      socket.once('connect', () => resolve({ socket }));
      socket.once('connect_error', (error: Error) => resolve({ socket, error }));
    });
  }

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    for (const s of sockets) s.close();
    await t.close();
  });

  it('rejects a handshake without a valid access cookie', async () => {
    expect((await connect()).error?.message).toBe('unauthenticated');
    expect((await connect('portico_at=not-a-token')).error?.message).toBe('unauthenticated');
  });

  it('joins rooms of member accounts only', async () => {
    const acmeCookie = await loginAs(t.url, 'owner@acme.example');
    const initechCookie = await loginAs(t.url, 'owner@initech.example');
    const meRes = await fetch(`${t.url}/api/v1/me`, { headers: { cookie: initechCookie } });
    const initech = meSchema.parse(await meRes.json()).memberships[0]?.accountId;
    const acmeMe = meSchema.parse(
      await (await fetch(`${t.url}/api/v1/me`, { headers: { cookie: acmeCookie } })).json(),
    );

    const { socket, error } = await connect(acmeCookie);
    expect(error).toBeUndefined();
    for (const m of acmeMe.memberships) {
      expect(await socket.timeout(5000).emitWithAck('join_account', { accountId: m.accountId })).toEqual({
        ok: true,
      });
    }
    expect(await socket.timeout(5000).emitWithAck('join_account', { accountId: initech })).toEqual({
      ok: false,
      code: 'not_found',
    });
    expect(await socket.timeout(5000).emitWithAck('join_account', { nope: 1 })).toEqual({
      ok: false,
      code: 'validation_failed',
    });
  });
});
