import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { allowBodyMediaTypes } from '../../../core/http/request-boundary';

/** Path of the ingestion route. */
export const USAGE_INGEST_PATH = '/api/v1/usage/samples';
/** Largest ingestion body, bytes (5,000 samples with ids and accounts fit well within it). */
export const MAX_INGEST_BODY_BYTES = 8 * 1024 * 1024;
/** NDJSON media types accepted besides JSON. */
export const NDJSON_CONTENT_TYPES = ['application/x-ndjson', 'application/ndjson', 'application/jsonl'];

/** A request whose body the ingestion hook read (the route parses it itself: JSON or NDJSON). */
export type IngestRequest = FastifyRequest & { usageBody?: Buffer };

class PayloadTooLarge extends Error {
  readonly statusCode = 413;
  readonly code = 'FST_ERR_CTP_BODY_TOO_LARGE';
}

/**
 * The ingestion route reads its own body: up to {@link MAX_INGEST_BODY_BYTES} (the server-wide limit of 1 MB is too
 * small for 5,000 samples) as JSON or NDJSON. A `preParsing` hook keeps the bytes on `request.usageBody` and hands
 * Fastify's parser an empty object instead; other routes are untouched. Must run before the server is ready.
 */
export function registerIngestBodyHook(fastify: FastifyInstance): void {
  allowBodyMediaTypes(USAGE_INGEST_PATH, NDJSON_CONTENT_TYPES);
  for (const type of NDJSON_CONTENT_TYPES) {
    if (!fastify.hasContentTypeParser(type))
      fastify.addContentTypeParser(type, { parseAs: 'string' }, (_request, _body, done) => done(null, {}));
  }
  fastify.addHook('preParsing', async (request, _reply, payload) => {
    if (request.method !== 'POST' || request.url.split('?')[0] !== USAGE_INGEST_PATH) return payload;
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of payload as AsyncIterable<Buffer | string>) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += buffer.length;
      if (size > MAX_INGEST_BODY_BYTES)
        throw new PayloadTooLarge(`Batch body over ${MAX_INGEST_BODY_BYTES} bytes`);
      chunks.push(buffer);
    }
    (request as IngestRequest).usageBody = Buffer.concat(chunks);
    // The body is read (and its size checked against our limit): Fastify's parser gets `{}`, and no Content-Length
    // to hold it against the server-wide limit.
    delete request.headers['content-length'];
    return Readable.from([Buffer.from('{}')]);
  });
}
