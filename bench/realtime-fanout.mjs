// Webhook receive-to-socket latency across two BFF instances sharing PostgreSQL and Redis (socket.io on the Redis
// streams adapter). 1,000 socket.io clients, half on each instance, all in one account room; signed WHMCS webhooks
// are posted to instance A one at a time, and the time from the POST to the event's receipt is taken at every client.
// Goal: p99 <= 250 ms. Usage: node bench/realtime-fanout.mjs [--clients=1000] [--webhooks=30]
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { percentile } from './lib.mjs';
import { forkClients, realtimeStack, rssBytes, sessionFor } from './realtime-lib.mjs';

const arg = (name, fallback) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const CLIENTS = arg('clients', 1000);
const WEBHOOKS = arg('webhooks', 30);
const WARMUP = 3;
const WHMCS_WEBHOOK_SECRET =
  process.env.WHMCS_WEBHOOK_SECRET || 'whsec_cG9ydGljby1kZXYtd2hjbXMtd2ViaG9vay1zZWNyZXQ=';

const stack = await realtimeStack({
  sandboxPort: 4140,
  bffPorts: [4040, 4041],
  postgresPort: 50049,
  redisPort: 6399,
});
let clients;
try {
  const [a] = stack.bffUrls;
  const { cookie, accountId } = await sessionFor(a);

  // Every client process reports an event once all of its clients have it; an event is complete when all have.
  let waiting = null; // { id?: string, groups: Map<number, number[]>, resolve }
  const onMessage = (m, group) => {
    if (m.type !== 'event' || !waiting) return;
    waiting.groups.set(group, m.times);
    if (waiting.groups.size === GROUPS) waiting.resolve();
  };
  const GROUPS = 2;
  const connectStart = Date.now();
  clients = await forkClients({
    urls: stack.bffUrls,
    count: CLIENTS,
    groups: GROUPS,
    cookie,
    accountId,
    onMessage,
  });
  console.log(
    `${clients.connected} clients connected and joined in ${Date.now() - connectStart} ms (half on each instance)`,
  );

  const webhook = new Webhook(WHMCS_WEBHOOK_SECRET);
  const latencies = [];
  for (let n = 0; n < WARMUP + WEBHOOKS; n++) {
    const id = `msg_${randomUUID()}`;
    const body = JSON.stringify({
      event: 'ClientEdit',
      occurredAt: new Date().toISOString(),
      userid: 1,
      params: {},
    });
    const complete = new Promise((resolve, reject) => {
      waiting = { groups: new Map(), resolve };
      setTimeout(
        () => reject(new Error(`webhook ${n} not received by every client within 10 s`)),
        10_000,
      ).unref();
    });
    const sentAt = Date.now();
    const res = await fetch(`${a}/webhooks/whmcs`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(sentAt / 1000)),
        'webhook-signature': webhook.sign(id, new Date(sentAt), body),
      },
      body,
    });
    if (res.status >= 300) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
    await complete;
    if (n >= WARMUP)
      for (const times of waiting.groups.values()) for (const t of times) latencies.push(t - sentAt);
    await new Promise((r) => setTimeout(r, 100));
  }
  latencies.sort((x, y) => x - y);
  const fmt = (p) => `${percentile(latencies, p)} ms`;
  console.log(
    `\nreceive-to-socket over ${WEBHOOKS} webhooks x ${CLIENTS} clients (${latencies.length} receipts), two instances:`,
  );
  console.log(
    `  p50 ${fmt(50)}   p95 ${fmt(95)}   p99 ${fmt(99)}   max ${latencies.at(-1)} ms   (goal p99 <= 250 ms)`,
  );
  console.log(
    `  RSS: ${stack.bffPids.map((pid, i) => `bff${i + 1} ${(rssBytes(pid) / 1048576).toFixed(0)} MB`).join(', ')}`,
  );
} finally {
  clients?.stop();
  await stack.stop();
}
