import { paymentMethodSchema } from '../../billing/payment-method.schema';
import { whmcsPayMethodsSchema } from './raw.schema';
import { parseWhmcsResponse } from './response.mapper';
import { isExpiryMonthOver, toExpiryMonth, toPaymentMethods } from './pay-method.mapper';

/** The WHMCS API reference's GetPayMethods example: a remote card, a local card, with `remote_token`. */
const doc = {
  result: 'success',
  clientid: '1',
  paymethods: [
    {
      id: 1,
      type: 'RemoteCreditCard',
      description: 'Default Card',
      gateway_name: 'stripe',
      contact_type: 'Client',
      contact_id: 1,
      card_last_four: '4242',
      expiry_date: '02/25',
      start_date: '',
      issue_number: '',
      card_type: 'Visa',
      remote_token: '{"customer":"cus_x","method":"pm_x"}',
      last_updated: '17/05/2019 10:01',
    },
    {
      id: 2,
      type: 'CreditCard',
      description: 'A Second Card Stored Locally',
      gateway_name: '',
      contact_type: 'Client',
      contact_id: 1,
      card_last_four: '4242',
      expiry_date: '11/22',
      start_date: '',
      issue_number: '',
      card_type: 'MasterCard',
      last_updated: '17/05/2019 10:01',
    },
    {
      id: 3,
      type: 'BankAccount',
      description: '',
      gateway_name: 'directdebit',
      bank_name: 'First Bank',
      account_type: 'Checking',
      card_last_four: '',
      expiry_date: '',
    },
  ],
};
const now = new Date('2025-02-10T12:00:00Z');

describe('GetPayMethods mapping', () => {
  it('maps cards and bank accounts and drops the remote token', () => {
    const raw = parseWhmcsResponse(whmcsPayMethodsSchema, doc);
    expect(JSON.stringify(raw)).not.toContain('cus_x');
    const methods = toPaymentMethods(raw, now);
    for (const m of methods) expect(paymentMethodSchema.parse(m)).toEqual(m);
    expect(methods).toEqual([
      {
        id: '1',
        type: 'card',
        description: 'Default Card',
        cardBrand: 'Visa',
        lastFour: '4242',
        expiryMonth: '2025-02',
        expired: false,
        isDefault: true,
        bankName: null,
        gateway: 'stripe',
      },
      {
        id: '2',
        type: 'card',
        description: 'A Second Card Stored Locally',
        cardBrand: 'MasterCard',
        lastFour: '4242',
        expiryMonth: '2022-11',
        expired: true,
        isDefault: false,
        bankName: null,
        gateway: null,
      },
      {
        id: '3',
        type: 'bank_account',
        description: null,
        cardBrand: null,
        lastFour: null,
        expiryMonth: null,
        expired: false,
        isDefault: false,
        bankName: 'First Bank',
        gateway: 'directdebit',
      },
    ]);
  });

  it('uses is_default when WHMCS sends it', () => {
    const raw = parseWhmcsResponse(whmcsPayMethodsSchema, {
      ...doc,
      paymethods: [
        { ...doc.paymethods[0], is_default: false },
        { ...doc.paymethods[1], is_default: '1' },
      ],
    });
    expect(toPaymentMethods(raw, now).map((m) => m.isDefault)).toEqual([false, true]);
  });

  it.each([[''], [[]], [undefined], [{}]])('treats %p as no pay methods', (paymethods) => {
    const body: Record<string, unknown> = { result: 'success', clientid: 1 };
    if (paymethods !== undefined) body.paymethods = paymethods;
    expect(toPaymentMethods(parseWhmcsResponse(whmcsPayMethodsSchema, body), now)).toEqual([]);
  });

  it('accepts one method not wrapped in an array and an unknown type', () => {
    const raw = parseWhmcsResponse(whmcsPayMethodsSchema, {
      result: 'success',
      paymethods: { paymethod: { id: '9', type: 'PayPalBilling', card_last_four: 'xxxx-1881' } },
    });
    expect(toPaymentMethods(raw, now)).toEqual([
      expect.objectContaining({
        id: '9',
        type: 'unknown',
        lastFour: '1881',
        expiryMonth: null,
        isDefault: true,
      }),
    ]);
  });

  it.each([
    ['02/25', '2025-02'],
    ['2/25', '2025-02'],
    ['02/2027', '2027-02'],
    ['0226', '2026-02'],
    ['2026-03', '2026-03'],
    ['13/25', null],
    ['', null],
    ['soon', null],
  ])('expiry %p -> %p', (text, month) => expect(toExpiryMonth(text)).toBe(month));

  it('counts a card valid through the last day of its month', () => {
    expect(isExpiryMonthOver('2025-02', new Date('2025-02-28T23:59:59Z'))).toBe(false);
    expect(isExpiryMonthOver('2025-02', new Date('2025-03-01T00:00:00Z'))).toBe(true);
  });
});
