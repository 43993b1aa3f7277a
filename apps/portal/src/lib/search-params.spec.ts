import { describe, expect, it } from '@jest/globals';
import { pageParam } from './search-params';

describe('pageParam', () => {
  it('reads a positive page number and falls back to 1 for anything else', () => {
    expect(pageParam('3')).toBe(3);
    expect(pageParam(undefined)).toBe(1);
    expect(pageParam('0')).toBe(1);
    expect(pageParam('-2')).toBe(1);
    expect(pageParam('abc')).toBe(1);
    expect(pageParam(['2', '3'])).toBe(1);
  });
});
