import { Webhook } from 'standardwebhooks';
import type { Env } from '../../core/config/env';
import { AppException } from '../../core/http/app.exception';
import { WebhookSignatureService } from './webhook-signature.service';

const WHMCS_SECRET = 'whsec_cG9ydGljby1kZXYtd2hjbXMtd2ViaG9vay1zZWNyZXQ=';
const SF_SECRET = 'whsec_cG9ydGljby1kZXYtc2FsZXNmb3JjZS13ZWJob29rLXNlY3JldA==';

const env = {
  WHMCS_WEBHOOK_SECRET: WHMCS_SECRET,
  SALESFORCE_WEBHOOK_SECRET: SF_SECRET,
  WEBHOOK_TOLERANCE_SECONDS: 300,
} as Env;

function signed(body: string, at: Date, id = 'msg_1', secret = WHMCS_SECRET) {
  const signature = new Webhook(secret).sign(id, at, body);
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signature,
  };
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (err) {
    return err instanceof AppException ? `${err.status} ${err.code}` : 'other';
  }
  return undefined;
}

describe('WebhookSignatureService', () => {
  const service = new WebhookSignatureService(env);
  const body = JSON.stringify({
    event: 'InvoicePaid',
    occurredAt: '2026-01-01T00:00:00Z',
    userid: 1,
    params: { invoiceid: 42 },
  });
  const now = Date.parse('2026-03-01T12:00:00Z');

  it('accepts a correct signature and returns the id and body', () => {
    const result = service.verify('whmcs', Buffer.from(body), signed(body, new Date(now - 10_000)), now);
    expect(result.deliveryId).toBe('msg_1');
    expect(result.body).toMatchObject({ event: 'InvoicePaid', params: { invoiceid: 42 } });
  });

  it('rejects a tampered body', () => {
    const headers = signed(body, new Date(now));
    expect(codeOf(() => service.verify('whmcs', body.replace('42', '43'), headers, now))).toBe(
      '401 webhook_signature_invalid',
    );
  });

  it("rejects another provider's secret", () => {
    expect(codeOf(() => service.verify('salesforce', body, signed(body, new Date(now)), now))).toBe(
      '401 webhook_signature_invalid',
    );
  });

  it('rejects timestamps older or further ahead than the tolerance', () => {
    expect(codeOf(() => service.verify('whmcs', body, signed(body, new Date(now - 301_000)), now))).toBe(
      '401 webhook_signature_invalid',
    );
    expect(codeOf(() => service.verify('whmcs', body, signed(body, new Date(now + 301_000)), now))).toBe(
      '401 webhook_signature_invalid',
    );
    expect(
      codeOf(() => service.verify('whmcs', body, signed(body, new Date(now - 299_000)), now)),
    ).toBeUndefined();
  });

  it('rejects missing headers', () => {
    const { 'webhook-signature': _omit, ...headers } = signed(body, new Date(now));
    expect(codeOf(() => service.verify('whmcs', body, headers, now))).toBe('401 webhook_signature_invalid');
  });

  it('answers 400 for a correctly signed body that is not JSON', () => {
    expect(codeOf(() => service.verify('whmcs', 'not json', signed('not json', new Date(now)), now))).toBe(
      '400 validation_failed',
    );
  });
});
