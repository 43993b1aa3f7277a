import { customerProfileSchema } from '../../accounts/account.schema';
import { whmcsClientsDetailsSchema } from './raw.schema';
import { parseWhmcsResponse } from './response.mapper';
import { toCustomerProfile, whmcsClientCurrency } from './client.mapper';
import { WhmcsSchemaError } from './whmcs.exception';

const client = {
  userid: '1',
  id: '1',
  firstname: 'Test',
  lastname: 'Client',
  fullname: 'Test Client',
  companyname: 'Smith &amp; Sons',
  email: 'test-client@example.com',
  address1: '123 Test Street',
  address2: '',
  city: 'Test',
  fullstate: 'Tester',
  state: 'Tester',
  postcode: 'TE5 5ST',
  countrycode: 'GB',
  country: 'GB',
  phonenumber: '01234567890',
  phonenumberformatted: '+44.1234567890',
  currency: '1',
  status: 'Active',
  credit: '0.00',
  currency_code: 'gbp',
};

describe('toCustomerProfile', () => {
  it('maps the client object, decoding entities and normalising blanks to null', () => {
    const raw = parseWhmcsResponse(whmcsClientsDetailsSchema, {
      result: 'success',
      client,
      stats: { numdueinvoices: '19' },
    });
    const p = toCustomerProfile(raw);
    expect(customerProfileSchema.parse(p)).toEqual(p);
    expect(p).toEqual({
      companyName: 'Smith & Sons',
      contactName: 'Test Client',
      email: 'test-client@example.com',
      phone: '+44.1234567890',
      address: {
        line1: '123 Test Street',
        line2: null,
        city: 'Test',
        region: 'Tester',
        postalCode: 'TE5 5ST',
        country: 'GB',
      },
      currency: 'GBP',
      status: 'active',
      customerSince: null,
    });
  });

  it('falls back to the deprecated flat fields, numeric ids and unknown statuses', () => {
    const { fullname: _f, ...flat } = client;
    const raw = parseWhmcsResponse(whmcsClientsDetailsSchema, {
      result: 'success',
      ...flat,
      id: 1,
      userid: 1,
      status: 'Weird',
      datecreated: '2020-02-03',
    });
    const p = toCustomerProfile(raw);
    expect(p.contactName).toBe('Test Client');
    expect(p.status).toBe('unknown');
    expect(p.customerSince).toBe('2020-02-03');
  });

  it('throws when no currency code is present', () => {
    const { currency_code: _c, ...noCode } = client;
    const raw = parseWhmcsResponse(whmcsClientsDetailsSchema, { result: 'success', client: noCode });
    expect(() => whmcsClientCurrency(raw)).toThrow(WhmcsSchemaError);
  });
});
