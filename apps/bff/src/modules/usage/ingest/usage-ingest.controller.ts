import { Controller, HttpCode, Post, Req, UseGuards } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { UsageIngestResult } from '@portico/domain';
import { AppException } from '../../../core/http/app.exception';
import { SkipCsrf } from '../../../core/http/csrf/csrf.guard';
import { API_THROTTLER } from '../../../core/http/throttling/api-throttler.guard';
import { ApiKeyGuard, type ApiKeyRequest } from './api-key.guard';
import { NDJSON_CONTENT_TYPES, type IngestRequest } from './ingest-body.hook';
import { UsageIngestService } from './usage-ingest.service';

/**
 * Splits an ingestion body into samples: NDJSON (one JSON value per non-blank line; a line that is not JSON becomes
 * an `Error` item, rejected alone as `malformed`) or JSON (`{ samples: [...] }` or a bare array).
 * @throws AppException 400 `validation_failed` for a JSON body that is not JSON or not a batch
 */
export function splitBatch(body: Buffer, contentType: string | undefined): unknown[] {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  const text = body.toString('utf8');
  if (NDJSON_CONTENT_TYPES.includes(type)) {
    const lines = text.split('\n');
    if (lines.length > 0 && lines[lines.length - 1]!.trim() === '') lines.pop();
    return lines.map((line, i) => {
      try {
        return JSON.parse(line) as unknown;
      } catch {
        return new Error(`line ${i + 1} is not JSON`);
      }
    });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw AppException.validation(
      [{ path: 'body', message: 'not JSON' }],
      'The batch is not JSON (or send NDJSON as application/x-ndjson)',
    );
  }
  if (Array.isArray(parsed)) return parsed;
  if (parsed && typeof parsed === 'object' && Array.isArray((parsed as { samples?: unknown }).samples))
    return (parsed as { samples: unknown[] }).samples;
  throw AppException.validation(
    [{ path: 'body.samples', message: 'expected an array of samples' }],
    'A batch is { "samples": [...] }, a JSON array or NDJSON',
  );
}

/** `POST /api/v1/usage/samples`: usage samples from metering systems, authenticated by API key. */
@ApiTags('usage')
@Controller('api/v1/usage/samples')
@SkipThrottle({ [API_THROTTLER]: true })
@SkipCsrf()
export class UsageIngestController {
  constructor(private readonly ingest: UsageIngestService) {}

  @Post()
  @HttpCode(200)
  @UseGuards(ApiKeyGuard)
  @ApiBearerAuth()
  @ApiOperation({
    summary: 'Record a batch of up to 5,000 usage samples (JSON or NDJSON); idempotent per sample',
    description:
      'Each sample is accepted, a duplicate, or rejected with its index and reason; the rest of the batch is kept.',
  })
  @ApiOkResponse({ description: 'UsageIngestResult' })
  @ApiBadRequestResponse({ description: 'validation_failed: the body is not a batch' })
  @ApiUnauthorizedResponse({ description: 'unauthenticated: missing, unknown or revoked key' })
  @ApiTooManyRequestsResponse({ description: 'rate_limited: too many batches for this key' })
  async record(@Req() request: ApiKeyRequest & IngestRequest): Promise<UsageIngestResult> {
    const key = request.apiKey;
    if (!key) throw AppException.unauthenticated();
    const items = splitBatch(request.usageBody ?? Buffer.alloc(0), request.headers['content-type']);
    return this.ingest.ingest(key, items);
  }
}
