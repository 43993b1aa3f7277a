import { whmcsClientsDetailsSchema, whmcsInvoicesSchema } from './raw.schema';
import { parseWhmcsResponse } from './response.mapper';
import { WhmcsApiError, WhmcsSchemaError } from './whmcs.exception';

describe('parseWhmcsResponse', () => {
  it('throws WhmcsApiError with the upstream message on result: error', () => {
    expect(() => parseWhmcsResponse(whmcsClientsDetailsSchema, { result: 'error', message: 'Client Not Found' })).toThrow(
      new WhmcsApiError('Client Not Found'),
    );
    try {
      parseWhmcsResponse(whmcsInvoicesSchema, { result: 'error', message: 'Authentication Failed' });
      throw new Error('did not throw');
    } catch (e) {
      expect(e).toBeInstanceOf(WhmcsApiError);
      expect((e as Error).message).toBe('Authentication Failed');
    }
  });

  it('throws WhmcsSchemaError with a readable summary naming the path', () => {
    try {
      parseWhmcsResponse(whmcsInvoicesSchema, { result: 'success', totalresults: 'many', invoices: { invoice: [{ id: 'x' }] } });
      throw new Error('did not throw');
    } catch (e) {
      expect(e).toBeInstanceOf(WhmcsSchemaError);
      const err = e as WhmcsSchemaError;
      expect(err.message).toMatch(/totalresults/);
      expect(err.message).toMatch(/invoices\.0\.id/);
      expect(err.issues.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('rejects a non-object payload', () => {
    expect(() => parseWhmcsResponse(whmcsInvoicesSchema, 'oops')).toThrow(WhmcsSchemaError);
    expect(() => parseWhmcsResponse(whmcsInvoicesSchema, null)).toThrow(WhmcsSchemaError);
  });
});
