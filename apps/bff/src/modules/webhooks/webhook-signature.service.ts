import { Inject, Injectable } from '@nestjs/common';
import { timingSafeEqual } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { AppException } from '../../core/http/app.exception';

/** Upstreams that send webhooks. */
export type WebhookProvider = 'whmcs' | 'salesforce';

/** A verified delivery: its `webhook-id` and its JSON body. */
export interface VerifiedWebhook {
  deliveryId: string;
  body: unknown;
}

function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * Verifies Standard Webhooks signatures (`webhook-id`, `webhook-timestamp`, `webhook-signature`, HMAC-SHA256
 * over `id.timestamp.body` with the provider's `whsec_` secret) on the exact raw body, and the timestamp within
 * `WEBHOOK_TOLERANCE_SECONDS` in both directions.
 */
@Injectable()
export class WebhookSignatureService {
  private readonly verifiers: Record<WebhookProvider, Webhook>;
  private readonly toleranceSeconds: number;

  constructor(@Inject(ENV) env: Env) {
    this.verifiers = {
      whmcs: new Webhook(env.WHMCS_WEBHOOK_SECRET),
      salesforce: new Webhook(env.SALESFORCE_WEBHOOK_SECRET),
    };
    this.toleranceSeconds = env.WEBHOOK_TOLERANCE_SECONDS;
  }

  /**
   * @param rawBody the request body exactly as received
   * @param headers request headers (lower-case names)
   * @param nowMs current time, epoch ms
   * @returns the delivery id and the JSON-decoded body
   * @throws AppException 401 `webhook_signature_invalid` (missing headers, stale or future timestamp, bad
   *   signature); 400 `validation_failed` when the signed body is not JSON
   */
  verify(
    provider: WebhookProvider,
    rawBody: Buffer | string,
    headers: Record<string, string | string[] | undefined>,
    nowMs: number = Date.now(),
  ): VerifiedWebhook {
    const id = header(headers, 'webhook-id');
    const timestamp = header(headers, 'webhook-timestamp');
    const signature = header(headers, 'webhook-signature');
    if (!id || !timestamp || !signature) throw this.invalid('missing webhook signature headers');
    if (!/^\d{1,12}$/.test(timestamp)) throw this.invalid('malformed webhook timestamp');
    const ageSeconds = Math.floor(nowMs / 1000) - Number(timestamp);
    if (ageSeconds > this.toleranceSeconds) throw this.invalid('webhook timestamp too old');
    if (ageSeconds < -this.toleranceSeconds) throw this.invalid('webhook timestamp in the future');

    // The library's own verify() applies a fixed 5-minute window against the wall clock; the window here is
    // WEBHOOK_TOLERANCE_SECONDS, so the library computes the expected signature and the comparison is done here.
    const expected = this.verifiers[provider].sign(id, new Date(Number(timestamp) * 1000), rawBody);
    const expectedBytes = Buffer.from(expected.split(',')[1] ?? '', 'base64');
    const matches = signature.split(' ').some((candidate) => {
      const [version, value] = candidate.split(',');
      if (version !== 'v1' || value === undefined) return false;
      const bytes = Buffer.from(value, 'base64');
      return bytes.length === expectedBytes.length && timingSafeEqual(bytes, expectedBytes);
    });
    if (!matches) throw this.invalid('webhook signature does not match');

    try {
      return {
        deliveryId: id,
        body: JSON.parse(typeof rawBody === 'string' ? rawBody : rawBody.toString('utf8')),
      };
    } catch {
      throw AppException.validation(
        [{ path: 'body', message: 'body is not valid JSON' }],
        'Webhook body is not JSON',
      );
    }
  }

  private invalid(message: string): AppException {
    return new AppException('webhook_signature_invalid', message);
  }
}
