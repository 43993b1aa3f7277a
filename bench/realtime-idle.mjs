// Sockets one process holds and its resident memory with 10,000 idle socket.io clients (websocket transport, each
// joined to an account room). By default the sockets go to the separate realtime process (`REALTIME_PROCESS=separate`:
// no Nest, no Prisma; events from the Redis event bus); `--process=inline` measures the BFF holding them itself (Redis
// streams adapter). Clients are spread over child processes so that no process needs more than a few thousand
// descriptors; the measured process runs with its descriptor limit raised to the hard limit.
// Goal: RSS <= 250 MB. Usage: node bench/realtime-idle.mjs [--clients=10000] [--idle-seconds=30] [--process=inline]
import { execSync } from 'node:child_process';
import { forkClients, openDescriptors, realtimeStack, rssBytes, sessionFor } from './realtime-lib.mjs';

const arg = (name, fallback) =>
  Number(process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const CLIENTS = arg('clients', 10_000);
const IDLE_SECONDS = arg('idle-seconds', 30);
const PER_PROCESS = 2_500;
/** `separate` (default): the sockets go to the separate realtime process; `inline`: to the BFF itself. */
const PROCESS = process.argv.find((a) => a.startsWith('--process='))?.split('=')[1] ?? 'separate';
if (!['separate', 'inline'].includes(PROCESS)) {
  console.error('--process must be separate or inline');
  process.exit(1);
}
const mb = (bytes) => `${(bytes / 1048576).toFixed(0)} MB`;

const hardLimit = Number(execSync('sh -c "ulimit -Hn"').toString().trim());
if (hardLimit !== Infinity && hardLimit < CLIENTS + 1_000) {
  console.error(
    `The descriptor hard limit (${hardLimit}) is below ${CLIENTS + 1_000}: the BFF cannot hold ${CLIENTS} sockets.`,
  );
  process.exit(1);
}

const stack = await realtimeStack({
  sandboxPort: 4150,
  bffPorts: [4050],
  postgresPort: 50059,
  redisPort: 6398,
  ...(PROCESS === 'separate' ? { realtimePort: 4051 } : {}),
  withSandbox: false,
});
let clients;
try {
  // Logins go to the BFF; the sockets (and the RSS measured) to whichever process holds them.
  const [bffUrl] = stack.bffUrls;
  const url = stack.realtimeUrl ?? bffUrl;
  const pid = stack.realtimePid ?? stack.bffPids[0];
  const holder = stack.realtimeUrl ? 'realtime process' : 'BFF';
  await new Promise((r) => setTimeout(r, 2_000));
  const started0 = rssBytes(pid);
  // The one login (argon2id verification) grows the heap of the native allocator, which keeps it.
  const { cookie, accountId } = await sessionFor(bffUrl);
  await new Promise((r) => setTimeout(r, 2_000));
  const before = { rss: rssBytes(pid), fds: openDescriptors(pid) };
  console.log(
    `${holder} idle: RSS ${mb(started0)} after start, ${mb(before.rss)} after one login; ${before.fds} descriptors`,
  );

  const started = Date.now();
  clients = await forkClients({
    urls: [url],
    count: CLIENTS,
    groups: Math.ceil(CLIENTS / PER_PROCESS),
    cookie,
    accountId,
  });
  const connectMs = Date.now() - started;
  const connected = { rss: rssBytes(pid), fds: openDescriptors(pid) };
  console.log(
    `${clients.connected} clients connected and joined in ${connectMs} ms: RSS ${mb(connected.rss)}, ${connected.fds} descriptors`,
  );

  let peak = connected.rss;
  for (let s = 0; s < IDLE_SECONDS; s++) {
    await new Promise((r) => setTimeout(r, 1_000));
    peak = Math.max(peak, rssBytes(pid));
  }
  const idle = { rss: rssBytes(pid), fds: openDescriptors(pid) };
  console.log(
    `\n${CLIENTS} idle clients on one ${holder}, after ${IDLE_SECONDS} s idle (a ping round every 25 s):`,
  );
  console.log(`  sockets held: ${idle.fds - before.fds} (descriptors ${before.fds} -> ${idle.fds})`);
  console.log(
    `  RSS ${mb(idle.rss)} (peak ${mb(peak)}; ${mb(before.rss)} before clients; ` +
      `${((idle.rss - before.rss) / CLIENTS / 1024).toFixed(1)} KB per client)   (goal <= 250 MB)`,
  );
} finally {
  clients?.stop();
  await stack.stop();
}
