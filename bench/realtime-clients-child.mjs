// One process of benchmark clients (forked by realtime-lib.mjs): connects one socket.io client per URL it is given
// (websocket transport, session cookie), joins the account room, then reports every account event once all of its
// clients have received it, with the receipt time (ms since the epoch) at each client.
import { io } from 'socket.io-client';

const BATCH = 100;
const sockets = [];

process.on('message', async (m) => {
  if (m.type !== 'start') return;
  const { urls, cookie, accountId } = m;
  const received = new Map(); // event id -> receipt times
  try {
    for (let i = 0; i < urls.length; i += BATCH) {
      await Promise.all(
        urls.slice(i, i + BATCH).map(
          (url) =>
            new Promise((resolve, reject) => {
              const socket = io(url, {
                transports: ['websocket'],
                extraHeaders: { cookie },
                reconnection: false,
              });
              sockets.push(socket);
              socket.on('account_update', (event) => {
                const now = Date.now();
                const times = received.get(event.id) ?? [];
                times.push(now);
                received.set(event.id, times);
                if (times.length === urls.length) {
                  process.send({ type: 'event', id: event.id, times });
                  received.delete(event.id);
                }
              });
              socket.once('connect_error', reject);
              socket.once('connect', async () => {
                try {
                  const ack = await socket.timeout(30_000).emitWithAck('join_account', { accountId });
                  if (!ack.ok) throw new Error(`join refused: ${JSON.stringify(ack)}`);
                  resolve();
                } catch (error) {
                  reject(error);
                }
              });
            }),
        ),
      );
    }
    process.send({ type: 'ready', connected: sockets.filter((s) => s.connected).length });
  } catch (error) {
    process.send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
});

process.on('SIGTERM', () => {
  for (const s of sockets) s.close();
  process.exit(0);
});
