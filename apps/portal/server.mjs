// The portal's HTTP server: Next.js behind a few lines that decide the client's address before any page or route
// runs. `next start` keeps a client-sent `X-Forwarded-For` as it is, and the /api/v1 proxy would pass it on to the
// BFF, which believes the portal (loopback): anyone could pick their address and escape lockouts and rate limits.
// Here the header is replaced by the address this server saw, or, from a peer listed in PORTAL_TRUSTED_PROXIES
// (a load balancer in front of the portal), by the right-most address of the chain that is not a trusted proxy.
//
// Settings (read here only; the app's own come from src/env.ts):
//   PORTAL_PORT (or PORT, default 3000), PORTAL_HOST (default all interfaces),
//   PORTAL_TRUSTED_PROXIES: comma-separated addresses, CIDR ranges, or loopback / linklocal / uniquelocal; default none.
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import proxyaddr from '@fastify/proxy-addr';
import next from 'next';

const port = Number(process.env.PORTAL_PORT ?? process.env.PORT ?? 3000);
const host = process.env.PORTAL_HOST || undefined;
const trustedList = (process.env.PORTAL_TRUSTED_PROXIES ?? '')
  .split(',')
  .map((p) => p.trim())
  .filter((p) => p.length > 0 && p.toLowerCase() !== 'none');
const trust = proxyaddr.compile(trustedList);

/** The client's address: the socket's peer, or from X-Forwarded-For when the peer is a trusted proxy. */
function clientAddress(req) {
  return trustedList.length > 0 ? proxyaddr(req, trust) : req.socket.remoteAddress;
}

const app = next({
  dev: false,
  dir: path.dirname(fileURLToPath(import.meta.url)),
  port,
  hostname: host ?? 'localhost',
});
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((req, res) => {
  const address = clientAddress(req);
  for (const name of ['x-forwarded-for', 'forwarded', 'x-real-ip']) delete req.headers[name];
  if (address) req.headers['x-forwarded-for'] = address;
  void handle(req, res);
});
server.listen(port, host, () => {
  console.log(`portal listening on http://${host ?? 'localhost'}:${port}`);
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
