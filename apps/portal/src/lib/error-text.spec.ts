import { describe, expect, it } from '@jest/globals';
import { apiErrorCodeSchema } from '@portico/domain';
import de from '@/messages/de.json';
import en from '@/messages/en.json';
import { ApiError } from './api-client';
import { errorText, type ErrorTexts } from './error-text';

const texts: ErrorTexts = {
  client: (code) => `client:${code}`,
  api: (code) => `api:${code}`,
};
const apiError = (code: string, message = 'Only owners can change roles') =>
  new ApiError({ status: 403, code, message, requestId: 'req-1' });

describe('errorText', () => {
  it("shows the BFF's own message on an English page", () => {
    expect(errorText(apiError('forbidden'), 'en', texts, 'fallback')).toBe('Only owners can change roles');
  });

  it("shows the catalogue's text for the code on a page in another language", () => {
    expect(errorText(apiError('forbidden'), 'de', texts, 'fallback')).toBe('api:forbidden');
  });

  it("words the client's own failures from the catalogue in every language", () => {
    for (const locale of ['en', 'de'])
      expect(errorText(apiError('network_error', 'fetch failed'), locale, texts, 'fallback')).toBe(
        'client:network_error',
      );
  });

  it("falls back to the caller's words for an unknown code, an empty message and anything not an error", () => {
    expect(errorText(apiError('http_error'), 'de', texts, 'fallback')).toBe('fallback');
    expect(errorText(apiError('forbidden', ''), 'en', texts, 'fallback')).toBe('api:forbidden');
    expect(errorText(new Error('boom'), 'de', texts, 'fallback')).toBe('fallback');
    expect(errorText(new Error('boom'), 'en', texts, 'fallback')).toBe('boom');
    expect(errorText('nope', 'en', texts, 'fallback')).toBe('fallback');
  });

  it('has a text for every error code of the BFF, in both languages', () => {
    for (const catalogue of [en, de]) {
      const words = catalogue.common.apiError as Record<string, string>;
      for (const code of apiErrorCodeSchema.options) expect(words[code]).toEqual(expect.any(String));
    }
  });
});
