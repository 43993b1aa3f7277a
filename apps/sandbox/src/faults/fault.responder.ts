import type { FastifyReply, FastifyRequest } from 'fastify';
import { TIMEOUT_CAP_MS, type FaultsService, type Upstream } from './faults.service';

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Releases every request held by a `timeout` fault (called when the sandbox closes). */
export class HeldRequests {
  private readonly releases = new Set<() => void>();

  /** Holds the request until the client disconnects, `capMs` passes or {@link releaseAll} is called. */
  hold(request: FastifyRequest, capMs = TIMEOUT_CAP_MS): Promise<void> {
    return new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        request.raw.socket?.off('close', done);
        this.releases.delete(done);
        resolve();
      };
      const timer = setTimeout(done, capMs);
      request.raw.socket?.once('close', done);
      this.releases.add(done);
    });
  }

  releaseAll(): void {
    for (const release of [...this.releases]) release();
  }
}

/** The counters a call adds to: its action, and for a Salesforce query also `query <sObject>` (from the SOQL). */
function callNames(upstream: Upstream, action: string, request: FastifyRequest): string[] {
  if (upstream !== 'salesforce' || action !== 'query') return [action];
  const soql = (request.query as { q?: unknown } | undefined)?.q;
  const from = typeof soql === 'string' ? /\bFROM\s+(\w+)/i.exec(soql)?.[1] : undefined;
  return from === undefined ? [action] : [action, `${action} ${from}`];
}

/**
 * Applies the faults planned for one call (and counts the call). Latency is waited here; a failure mode answers the request.
 * @returns true when the request has been answered (or dropped) by a fault.
 */
export async function applyFaults(
  faults: FaultsService,
  held: HeldRequests,
  upstream: Upstream,
  action: string,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<boolean> {
  faults.count(upstream, callNames(upstream, action, request));
  const plan = faults.plan(upstream, action);
  if (plan.delayMs > 0) await sleep(plan.delayMs);
  const fault = plan.failure;
  if (!fault) return false;
  switch (fault.mode) {
    case 'timeout': {
      // Never answer: hold the connection until the client gives up (or the cap passes), then drop it.
      reply.hijack();
      await held.hold(request);
      reply.raw.destroy();
      return true;
    }
    case 'garbage': {
      const body =
        upstream === 'whmcs'
          ? '{"result":"success","invoices":{"invoice":[{"id":1001,"total":"12.'
          : '[{"attributes":{"type":"Case","url":';
      await reply.code(200).header('content-type', 'application/json; charset=utf-8').send(body);
      return true;
    }
    case 'rate_limit': {
      if (upstream === 'whmcs') {
        await reply
          .code(429)
          .header('retry-after', String(fault.retryAfterS ?? 30))
          .send({ result: 'error', message: 'Too Many Requests' });
      } else {
        if (fault.retryAfterS !== undefined) void reply.header('retry-after', String(fault.retryAfterS));
        await reply
          .code(403)
          .send([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]);
      }
      return true;
    }
    case 'error': {
      const status = fault.status ?? 500;
      if (upstream === 'whmcs') {
        if (status === 200)
          await reply
            .code(200)
            .send({ result: 'error', message: 'An unexpected error occurred (sandbox fault)' });
        else
          await reply
            .code(status)
            .header('content-type', 'text/html; charset=utf-8')
            .send(
              "<html><body><h1>Oops!</h1><p>Something went wrong and we couldn't process your request.</p></body></html>",
            );
      } else {
        await reply.code(status).send([
          {
            message:
              'An unexpected error occurred. Please include this ErrorId if you contact support: 1234567890-12345 (-1234567890)',
            errorCode: 'UNKNOWN_EXCEPTION',
          },
        ]);
      }
      return true;
    }
    case 'drop_after_write': {
      // The route does its write, then drops the connection without an answer (see dropsAfterWrite).
      DROP_AFTER_WRITE.add(request);
      return false;
    }
    default:
      return false;
  }
}

const DROP_AFTER_WRITE = new WeakSet<FastifyRequest>();

/**
 * Whether a `drop_after_write` fault hit this request: a write route that supports it keeps the write and then
 * destroys the connection instead of answering.
 */
export function dropsAfterWrite(request: FastifyRequest): boolean {
  return DROP_AFTER_WRITE.has(request);
}
