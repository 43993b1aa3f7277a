import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import type { RealtimeEvent } from '@portico/domain';
import { Redis } from 'ioredis';
import { EventBus } from '../../src/core/events/event-bus.port';
import { freePort, waitFor } from '../support/free-port';
import { accountIdByName, loginAs } from '../support/login';
import {
  connectRecording,
  sleep,
  until,
  usageEvent,
  type RecordingClient,
} from '../support/realtime-clients';
import { createTestApp, type TestApp } from '../support/test-app';

const hasRedisServer = spawnSync('redis-server', ['--version']).status === 0;
const enabled = process.env.REDIS_URL !== undefined && hasRedisServer;

/** A throw-away redis-server (no persistence) on `port`; resolves once it answers PING. */
async function startRedis(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
    {
      stdio: 'ignore',
    },
  );
  const probe = new Redis(port, '127.0.0.1', {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  probe.on('error', () => undefined);
  try {
    await waitFor(
      async () => {
        await probe.connect().catch(() => undefined);
        return (await probe.ping()) === 'PONG';
      },
      10_000,
      `redis-server on ${port}`,
    );
  } finally {
    probe.disconnect();
  }
  return child;
}

async function stopRedis(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  await exited;
}

// Fault test: the Redis that carries the realtime fan-out restarts (losing everything: no persistence) while events
// are being published. Needs the Redis pass (REDIS_URL, as a sign the machine has Redis) and a `redis-server` binary
// to start a private one: the shared server is never restarted.
(enabled ? describe : describe.skip)('realtime fan-out while Redis restarts (fault, integration)', () => {
  let redis: ChildProcess;
  let port: number;
  let a: TestApp;
  let b: TestApp;
  let onA: RecordingClient;
  let onB: RecordingClient;
  let acme: string;

  beforeAll(async () => {
    port = await freePort();
    redis = await startRedis(port);
    const overrides = { REDIS_URL: `redis://127.0.0.1:${port}` };
    a = await createTestApp(overrides);
    b = await createTestApp(overrides);
    const cookie = await loginAs(a.url, 'owner@acme.example');
    acme = await accountIdByName(a.url, cookie, 'Acme Hosting Ltd');
    // Clients that reconnect by themselves, as the portal's do.
    onA = await connectRecording(a.url, cookie, acme, { reconnection: true });
    onB = await connectRecording(b.url, cookie, acme, { reconnection: true });
  });
  afterAll(async () => {
    onA?.socket.close();
    onB?.socket.close();
    await Promise.all([a?.close(), b?.close()]);
    if (redis) await stopRedis(redis);
  });

  it('keeps both instances up and delivers every event published once Redis is back', async () => {
    const bus = a.app.get(EventBus);
    const published: { event: RealtimeEvent; at: number; failed: boolean }[] = [];
    let publishing = true;
    // One event every 50 ms from instance A, as a burst of webhooks would; a publish that fails is recorded.
    const publisher = (async () => {
      while (publishing) {
        const event = usageEvent(acme);
        const entry = { event, at: Date.now(), failed: false };
        published.push(entry);
        await bus.publish(event).catch(() => (entry.failed = true));
        // real wait: the pace of the burst the test sends (one event every 50 ms).
        await sleep(50);
      }
    })();

    await until(() => onB.received.length >= 10, 10_000, 'events on B before the restart');
    const stoppedAt = Date.now();
    await stopRedis(redis);
    await sleep(1_000); // real wait: the outage under test (Redis down for about a second)
    redis = await startRedis(port);
    const backAt = Date.now();

    // Once the adapters have reconnected, a fresh event reaches B again.
    const sentinelIndex = published.length;
    await until(
      () => onB.received.some((e) => published.slice(sentinelIndex).some((p) => p.event.id === e.id)),
      20_000,
      'delivery on B after the restart',
    );
    const resumedAt = Date.now();
    const firstAfterResume = published.length;
    await until(() => published.length >= firstAfterResume + 20, 10_000, '20 more events');
    publishing = false;
    await publisher;
    const lastIds = published.slice(firstAfterResume).map((p) => p.event.id);
    await until(
      () => lastIds.every((id) => onB.ids().includes(id) && onA.ids().includes(id)),
      10_000,
      'the last events on A and B',
    );

    // Neither instance went down, and no client was disconnected by the restart.
    for (const t of [a, b]) expect((await fetch(`${t.url}/health/live`)).status).toBe(200);
    expect(onA.socket.connected && onB.socket.connected).toBe(true);
    // Every event after the adapters reconnected reached both instances' clients, once.
    for (const client of [onA, onB]) {
      const ids = client.ids();
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expect.arrayContaining(lastIds));
    }
    // The publishing instance's own clients miss nothing: when the stream cannot be written, socket.io still
    // broadcasts locally.
    expect(onA.ids()).toEqual(expect.arrayContaining(published.map((p) => p.event.id)));

    // What the other instance's clients lost during the gap (reported, not asserted: it depends on timing).
    const missedOnB = published.filter((p) => !onB.ids().includes(p.event.id));
    process.stdout.write(
      `[redis restart] published ${published.length} events (${published.filter((p) => p.failed).length} publish calls failed); ` +
        `Redis down ${backAt - stoppedAt} ms; B resumed ${resumedAt - backAt} ms after Redis was back; ` +
        `B missed ${missedOnB.length}, all published between ${missedOnB.length ? missedOnB[0]!.at - stoppedAt : 0} ms and ` +
        `${missedOnB.length ? missedOnB[missedOnB.length - 1]!.at - stoppedAt : 0} ms after the stop\n`,
    );
  });
});
