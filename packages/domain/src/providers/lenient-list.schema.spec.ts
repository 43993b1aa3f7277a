import { z } from 'zod';
import { collectSkippedRecords, lenientArraySchema, skippedRecordsOf } from './lenient-list.schema';

const item = z.object({ id: z.string(), total: z.string().regex(/^\d+\.\d{2}$/) });

describe('lenientArraySchema', () => {
  it('keeps the valid records in order and reports the skipped ones with their index, id and issue', () => {
    const list = lenientArraySchema(item).parse([
      { id: '1', total: '10.00' },
      { id: '2', total: 'ten' },
      { id: '3', total: '30.00' },
      'garbage',
    ]);
    expect(list.map((r) => r.id)).toEqual(['1', '3']);
    const skipped = skippedRecordsOf(list);
    expect(skipped).toHaveLength(2);
    expect(skipped[0]).toMatchObject({ index: 1, id: '2' });
    expect(skipped[0]?.issues).toContain('total');
    expect(skipped[1]).toMatchObject({ index: 3, id: null });
  });

  it('reports nothing for a clean list and still rejects a payload that is not a list', () => {
    const list = lenientArraySchema(item).parse([{ id: '1', total: '1.00' }]);
    expect(skippedRecordsOf(list)).toEqual([]);
    expect(lenientArraySchema(item).safeParse({ id: '1' }).success).toBe(false);
  });

  it('finds skipped records nested in a parsed payload', () => {
    const payload = z
      .object({ invoices: lenientArraySchema(item) })
      .parse({ invoices: [{ id: '9', total: 'x' }] });
    expect(collectSkippedRecords(payload)).toEqual([
      { path: 'invoices', skipped: [expect.objectContaining({ id: '9', index: 0 })] },
    ]);
  });
});
