import { whmcsWebhookSchema } from './webhook.schema';
import { decodeHtmlEntities, whmcsLocalToIso } from './wire-values.mapper';

describe('whmcsWebhookSchema', () => {
  it('parses the contract body and normalises ids', () => {
    const w = whmcsWebhookSchema.parse({
      event: 'InvoicePaid',
      occurredAt: '2026-01-05T10:00:00.000Z',
      userid: '1',
      params: { invoiceid: 42, extra: true },
    });
    expect(w).toMatchObject({ event: 'InvoicePaid', userid: 1, params: { invoiceid: '42', extra: true } });
    expect(
      whmcsWebhookSchema.parse({ event: 'ClientEdit', occurredAt: '2026-01-05T10:00:00Z', userid: null })
        .params,
    ).toEqual({});
  });
  it('rejects a body without event or with a bad date', () => {
    expect(whmcsWebhookSchema.safeParse({ occurredAt: '2026-01-05T10:00:00Z', userid: 1 }).success).toBe(
      false,
    );
    expect(
      whmcsWebhookSchema.safeParse({ event: 'InvoicePaid', occurredAt: 'yesterday', userid: 1 }).success,
    ).toBe(false);
  });
});

describe('wire values', () => {
  it('decodes named and numeric entities, leaving unknown ones', () => {
    expect(decodeHtmlEntities('A &amp; B &lt;x&gt; &#039;q&#x27; &quot;z&quot; &bogus;')).toBe(
      `A & B <x> 'q' "z" &bogus;`,
    );
  });
  it('rejects impossible local dates', () => {
    expect(whmcsLocalToIso('2026-02-31 10:00:00')).toBeNull();
    expect(whmcsLocalToIso('2026-02-03')).toBe('2026-02-03T00:00:00.000Z');
  });
});
