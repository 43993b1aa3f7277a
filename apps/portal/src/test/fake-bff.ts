import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the fake BFF received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  /** The query string's parameters (the last value of a repeated one); absent when the URL has none. */
  query?: Record<string, string>;
  body: unknown;
}

type Handler = (req: ReceivedRequest) => { status: number; body?: unknown };

/**
 * A real HTTP server standing in for the BFF in component tests: `routes` maps `METHOD /path` to an answer. The
 * portal's browser client reaches it through the test environment's `fetch` (relative URLs resolve to it).
 * Unknown routes answer 404 `{ code: 'not_found' }`. Call `close()` after the test.
 */
export async function startFakeBff(
  routes: Record<string, Handler>,
): Promise<{ received: ReceivedRequest[]; close: () => Promise<void> }> {
  const received: ReceivedRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    let raw = '';
    req.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const path = url.pathname;
      const request = {
        method: req.method ?? 'GET',
        path,
        ...(url.search ? { query: Object.fromEntries(url.searchParams) } : {}),
        body: raw ? (JSON.parse(raw) as unknown) : undefined,
      };
      received.push(request);
      const handler = routes[`${request.method} ${path}`];
      const answer = handler
        ? handler(request)
        : { status: 404, body: { code: 'not_found', message: 'Not found', requestId: 'test' } };
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(answer.body === undefined ? '' : JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  (globalThis as { __apiOrigin?: string }).__apiOrigin = `http://127.0.0.1:${port}`;
  return {
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
