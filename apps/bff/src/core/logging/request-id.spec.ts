import type { IncomingMessage } from 'node:http';
import { requestIdOf } from './request-id';

const req = (header?: string) =>
  ({ headers: header === undefined ? {} : { 'x-request-id': header } }) as unknown as IncomingMessage;

describe('requestIdOf', () => {
  it('keeps a safe caller id and memoises it', () => {
    const r = req('abc-123_x.y:z');
    expect(requestIdOf(r)).toBe('abc-123_x.y:z');
    expect(requestIdOf(r)).toBe('abc-123_x.y:z');
  });
  it('replaces missing, too long or unsafe ids with a UUID', () => {
    for (const bad of [undefined, 'x'.repeat(129), 'a b', '<script>', '']) {
      expect(requestIdOf(req(bad))).toMatch(
        /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
      );
    }
  });
});
