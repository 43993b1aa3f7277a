import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';

/** Path prefix of the signed webhook routes whose raw body is kept. */
export const WEBHOOK_PATH_PREFIX = '/webhooks/';
/** Largest webhook body accepted, bytes. */
export const MAX_WEBHOOK_BODY_BYTES = 1024 * 1024;

/** A request whose exact body bytes were kept for signature verification. */
export type RawBodyRequest = FastifyRequest & { rawBody?: Buffer };

class PayloadTooLarge extends Error {
  readonly statusCode = 413;
  readonly code = 'FST_ERR_CTP_BODY_TOO_LARGE';
}

/**
 * Adds a Fastify `preParsing` hook that keeps the exact bytes of webhook request bodies on `request.rawBody`
 * (signatures are computed over them), then hands the same bytes to the normal JSON parser. Other routes are
 * untouched. Must run before the server is ready (a module's `onModuleInit`).
 */
export function registerWebhookRawBodyHook(fastify: FastifyInstance): void {
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    if (!request.url.startsWith(WEBHOOK_PATH_PREFIX)) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload as AsyncIterable<Buffer | string>) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > MAX_WEBHOOK_BODY_BYTES) throw new PayloadTooLarge('Webhook body too large');
      chunks.push(buffer);
    }
    const raw = Buffer.concat(chunks);
    (request as RawBodyRequest).rawBody = raw;
    return Readable.from([raw]);
  });
}

/** Content types of SOAP 1.1 (Salesforce Outbound Messages) and plain XML bodies. */
export const XML_CONTENT_TYPES = ['text/xml', 'application/xml', 'application/soap+xml'];

/**
 * Lets Fastify accept XML bodies: they are kept as the raw bytes (`request.body` is a Buffer) for the route to parse
 * with an XML parser; without it Fastify answers 415 before any route runs. Must run before the server is ready.
 */
export function registerXmlBodyParser(fastify: FastifyInstance): void {
  for (const type of XML_CONTENT_TYPES) {
    if (fastify.hasContentTypeParser(type)) continue;
    fastify.addContentTypeParser(
      type,
      { parseAs: 'buffer', bodyLimit: MAX_WEBHOOK_BODY_BYTES },
      (_request, body, done) => done(null, body),
    );
  }
}
