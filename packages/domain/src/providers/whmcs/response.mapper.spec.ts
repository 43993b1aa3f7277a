import { collectSkippedRecords } from '../lenient-list.schema';
import { whmcsClientsDetailsSchema, whmcsInvoicesSchema } from './raw.schema';
import { parseWhmcsResponse } from './response.mapper';
import { WhmcsApiError, WhmcsSchemaError } from './whmcs.exception';

describe('parseWhmcsResponse', () => {
  it('throws WhmcsApiError with the upstream message on result: error', () => {
    expect(() =>
      parseWhmcsResponse(whmcsClientsDetailsSchema, { result: 'error', message: 'Client Not Found' }),
    ).toThrow(new WhmcsApiError('Client Not Found'));
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
      parseWhmcsResponse(whmcsInvoicesSchema, {
        result: 'success',
        totalresults: 'many',
        numreturned: -1,
        invoices: [],
      });
      throw new Error('did not throw');
    } catch (e) {
      expect(e).toBeInstanceOf(WhmcsSchemaError);
      const err = e as WhmcsSchemaError;
      expect(err.message).toMatch(/totalresults/);
      expect(err.message).toMatch(/numreturned/);
      expect(err.issues.length).toBeGreaterThanOrEqual(2);
    }
  });

  it('skips a malformed invoice, keeps the others and reports what was skipped', () => {
    const raw = parseWhmcsResponse(whmcsInvoicesSchema, {
      result: 'success',
      totalresults: 3,
      numreturned: 3,
      invoices: {
        invoice: [
          { id: 1, userid: 1, total: '1.00', status: 'Paid' },
          { id: 'x', userid: 1, total: '2.00', status: 'Paid' },
          { id: 3, userid: 1, total: '3.00', status: 'Unpaid' },
        ],
      },
    });
    expect(raw.invoices.map((i) => i.id)).toEqual(['1', '3']);
    expect(collectSkippedRecords(raw)).toEqual([
      {
        path: 'invoices',
        skipped: [expect.objectContaining({ index: 1, id: 'x', issues: expect.stringContaining('id') })],
      },
    ]);
  });

  it('rejects a non-object payload', () => {
    expect(() => parseWhmcsResponse(whmcsInvoicesSchema, 'oops')).toThrow(WhmcsSchemaError);
    expect(() => parseWhmcsResponse(whmcsInvoicesSchema, null)).toThrow(WhmcsSchemaError);
  });
});
