import { EventBus } from '../../src/core/events/event-bus.port';
import { accountIdByName, loginAs } from '../support/login';
import { connectRecording, until, usageEvent, type RecordingClient } from '../support/realtime-clients';
import { createTestApp, type TestApp } from '../support/test-app';

const redisUrl = process.env.REDIS_URL;

// Two BFF instances only share events through Redis (socket.io's Redis streams adapter). In the in-process pass
// (no REDIS_URL) each instance is alone by design, so there is nothing to test.
(redisUrl ? describe : describe.skip)(
  'realtime across two instances (integration, Redis streams adapter)',
  () => {
    let a: TestApp;
    let b: TestApp;
    let cookie: string;
    let acme: string;
    const clients: RecordingClient[] = [];

    async function client(app: TestApp): Promise<RecordingClient> {
      const c = await connectRecording(app.url, cookie, acme);
      clients.push(c);
      return c;
    }

    beforeAll(async () => {
      a = await createTestApp();
      b = await createTestApp();
      cookie = await loginAs(a.url, 'owner@acme.example');
      acme = await accountIdByName(a.url, cookie, 'Acme Hosting Ltd');
    });
    afterAll(async () => {
      for (const c of clients) c.socket.close();
      await Promise.all([a.close(), b.close()]);
    });

    it('delivers an event published on instance A to clients of A and B, once each', async () => {
      const onA = await client(a);
      const onB = await client(b);
      const event = usageEvent(acme);
      const marker = usageEvent(acme);
      await a.app.get(EventBus).publish(event);
      await a.app.get(EventBus).publish(marker);
      // Events reach a client in order: a duplicate of the first (one broadcast per instance) would come before
      // the second.
      await until(
        () => onA.ids().includes(marker.id) && onB.ids().includes(marker.id),
        5000,
        'both events on both instances',
      );
      expect(onA.received).toEqual([event, marker]);
      expect(onB.received).toEqual([event, marker]);
    });

    it('does not deliver an account event to a client outside the room', async () => {
      const inRoom = await client(b);
      const initechCookie = await loginAs(b.url, 'owner@initech.example');
      const initech = await accountIdByName(b.url, initechCookie, 'Initech GmbH');
      const outsider = await connectRecording(b.url, initechCookie, initech);
      clients.push(outsider);
      const event = usageEvent(acme);
      const theirs = usageEvent(initech);
      await a.app.get(EventBus).publish(event);
      await a.app.get(EventBus).publish(theirs);
      // The outsider's own event comes after: had the first reached it, it would have come before.
      await until(() => inRoom.received.length > 0 && outsider.received.length > 0, 5000, 'the events');
      expect(outsider.received).toEqual([theirs]);
    });

    it('replays the events missed during a short disconnection (socket.recovered)', async () => {
      const onB = await client(b);
      // Stays connected to B: once it has an event, B has read it from the stream.
      const witness = await client(b);
      // The client learns its stream offset from the events it receives: it needs one before it can recover.
      const first = usageEvent(acme);
      await a.app.get(EventBus).publish(first);
      await until(() => onB.received.length === 1, 5000, 'the first event');

      const disconnected = new Promise<string>((resolve) => onB.socket.once('disconnect', resolve));
      // The transport drops, as on a network loss: the server sees `transport close` and keeps the session.
      onB.socket.io.engine.close();
      await disconnected;

      const missed = [usageEvent(acme), usageEvent(acme), usageEvent(acme)];
      for (const event of missed) await a.app.get(EventBus).publish(event);
      await until(() => witness.received.length === 4, 5000, 'the missed events on B');

      const reconnected = new Promise<void>((resolve) => onB.socket.once('connect', () => resolve()));
      onB.socket.connect();
      await reconnected;
      expect(onB.socket.recovered).toBe(true);
      await until(() => onB.received.length === 4, 5000, 'the missed events');
      expect(onB.ids()).toEqual([first, ...missed].map((e) => e.id));

      // The recovered socket is still in the account room, without a new join_account.
      const after = usageEvent(acme);
      await a.app.get(EventBus).publish(after);
      await until(() => onB.received.length === 5, 5000, 'an event after recovery');
      expect(onB.received[4]).toEqual(after);
    });

    it('starts a fresh session (recovered false) when the client never received an offset', async () => {
      const onB = await client(b);
      const disconnected = new Promise<string>((resolve) => onB.socket.once('disconnect', resolve));
      onB.socket.io.engine.close();
      await disconnected;
      const reconnected = new Promise<void>((resolve) => onB.socket.once('connect', () => resolve()));
      onB.socket.connect();
      await reconnected;
      expect(onB.socket.recovered).toBe(false);
    });
  },
);
