// Webhook intake latency: receive-to-2xx of POST /webhooks/whmcs at a steady 200 deliveries/s.
//   node bench/webhook-receive.mjs [--rate=200] [--duration=10] [--event=InvoicePaid|ClientEdit] [--redis[=redis://127.0.0.1:6379/4]]
// Starts its own stack on private ports (embedded PostgreSQL; in-process queue, or BullMQ with --redis). Each request
// is a distinct, correctly signed Standard Webhooks delivery (`InvoicePaid`, so the worker re-reads WHMCS while the
// intake is measured); latency is from sending the request to the 204 (signature check, one INSERT, enqueue).
// Goal: p99 <= 50 ms at 200 deliveries/s.
import { randomUUID } from 'node:crypto';
import autocannon from 'autocannon';
import { Webhook } from 'standardwebhooks';
import { benchStack } from './lib.mjs';

const arg = (name, fallback) => {
  const found = process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (!found) return fallback;
  return found.includes('=') ? found.slice(found.indexOf('=') + 1) : true;
};
const rate = Number(arg('rate', 200));
const duration = Number(arg('duration', 10));
const redisArg = arg('redis', false);
// InvoicePaid: the worker re-reads the invoice from WHMCS; ClientEdit: it only invalidates and publishes.
const event = String(arg('event', 'InvoicePaid'));
const redisUrl = redisArg === true ? 'redis://127.0.0.1:6379/4' : redisArg || '';

// The development secret of WHMCS_WEBHOOK_SECRET (.env.example); the stack runs with it.
const SECRET = process.env.WHMCS_WEBHOOK_SECRET ?? 'whsec_cG9ydGljby1kZXYtd2hjbXMtd2ViaG9vay1zZWNyZXQ=';
const webhook = new Webhook(SECRET);

/** A fresh signed delivery: Standard Webhooks headers over `id.timestamp.body`. */
function delivery() {
  const id = `msg_${randomUUID().replace(/-/g, '')}`;
  const now = new Date();
  const body = JSON.stringify({
    event,
    occurredAt: now.toISOString(),
    userid: 1,
    params: { invoiceid: 1001 },
  });
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
      'webhook-signature': webhook.sign(id, now, body),
    },
  };
}

function run(url, requestsPerSecond, seconds) {
  return autocannon({
    url,
    method: 'POST',
    connections: 20,
    overallRate: requestsPerSecond,
    duration: seconds,
    requests: [{ method: 'POST', setupRequest: (req) => ({ ...req, ...delivery() }) }],
  });
}

// Ports apart from the other benchmarks' and the end-to-end tests' (which move by PORTICO_E2E_PORT_OFFSET).
const ports = { sandbox: 4391, bff: 4291, portal: 3291, postgres: 50291 };
const stack = await benchStack(
  { RECONCILIATION_INTERVAL_MS: '0', ...(redisUrl ? { REDIS_URL: redisUrl } : {}) },
  ports,
);
try {
  const url = `${stack.urls.bff}/webhooks/whmcs`;
  const probe = delivery();
  const res = await fetch(url, { method: 'POST', headers: probe.headers, body: probe.body });
  if (res.status !== 204)
    throw new Error(`a signed delivery was answered HTTP ${res.status}: ${await res.text()}`);
  await run(url, 50, 2); // warm-up (JIT, connection pool)
  const result = await run(url, rate, duration);
  const sent = result.requests.total;
  console.log(
    `\nPOST /webhooks/whmcs (${event}) at ${rate} deliveries/s for ${duration} s (${redisUrl ? 'BullMQ on Redis' : 'in-process queue'}, embedded PostgreSQL)`,
  );
  console.log(
    `  deliveries: ${sent} sent, ${result['2xx']} answered 2xx, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
  );
  console.log(
    `  receive-to-2xx: p50 ${result.latency.p50} ms, p97.5 ${result.latency.p97_5} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
  );
  console.log(`  goal p99 <= 50 ms: ${result.latency.p99 <= 50 && result.non2xx === 0 ? 'met' : 'NOT met'}`);
} finally {
  await stack.stop();
}
