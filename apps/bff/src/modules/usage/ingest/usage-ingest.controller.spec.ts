import { AppException } from '../../../core/http/app.exception';
import { splitBatch } from './usage-ingest.controller';

describe('splitBatch', () => {
  it('reads { samples }, a bare array, and NDJSON with bad lines kept as errors', () => {
    expect(splitBatch(Buffer.from('{"samples":[{"a":1},{"a":2}]}'), 'application/json')).toEqual([
      { a: 1 },
      { a: 2 },
    ]);
    expect(splitBatch(Buffer.from('[{"a":1}]'), 'application/json; charset=utf-8')).toEqual([{ a: 1 }]);
    const items = splitBatch(Buffer.from('{"a":1}\nnope\n{"a":3}\n'), 'application/x-ndjson');
    expect(items).toHaveLength(3);
    expect(items[1]).toBeInstanceOf(Error);
    expect((items[1] as Error).message).toBe('line 2 is not JSON');
  });

  it('refuses a JSON body that is not a batch with 400', () => {
    expect(() => splitBatch(Buffer.from('{"samples":'), 'application/json')).toThrow(AppException);
    expect(() => splitBatch(Buffer.from('{"rows":[]}'), 'application/json')).toThrow(/samples/);
  });
});
