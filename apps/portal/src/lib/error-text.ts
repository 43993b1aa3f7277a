import { isApiErrorCode, type ApiErrorCode } from '@portico/domain';
import { isApiError } from './api-client';

/** Codes of the failures the portal's own API client makes (no answer, an unreadable one). */
export type ClientErrorCode = 'network_error' | 'invalid_response';

const CLIENT_ERROR_CODES: ReadonlySet<string> = new Set<ClientErrorCode>([
  'network_error',
  'invalid_response',
]);

/** The catalogue texts {@link errorText} draws on, in the page's language. */
export interface ErrorTexts {
  /** `common.clientError.<code>`. */
  client: (code: ClientErrorCode) => string;
  /** `common.apiError.<code>`. */
  api: (code: ApiErrorCode) => string;
}

/**
 * What to tell a person about `error`, in the page's language:
 * - the API client's own failures (no answer, an unreadable answer): the catalogue's words;
 * - a BFF error: the BFF's message, which is written for people, when the page is in English (the language the BFF
 *   writes); in any other language the catalogue's text for the error's code (`common.apiError.<code>`), since the
 *   BFF's English would otherwise show on a German page;
 * - anything else (an unknown code, no message): `fallback`, the caller's own words for what failed.
 * @param locale the page's language (`en`, `de`)
 * @param options.details on an English page, the BFF's per-field messages (`details`) joined, when there are any, in
 *   place of its summary (for a form with one field the details are about, e.g. a new password)
 */
export function errorText(
  error: unknown,
  locale: string,
  texts: ErrorTexts,
  fallback: string,
  options: { details?: boolean } = {},
): string {
  if (isApiError(error)) {
    if (CLIENT_ERROR_CODES.has(error.code)) return texts.client(error.code as ClientErrorCode);
    if (locale === 'en' && options.details && error.details.length > 0)
      return error.details.map((d) => d.message).join('. ');
    if (locale === 'en' && error.message) return error.message;
    return isApiErrorCode(error.code) ? texts.api(error.code) : fallback;
  }
  if (locale === 'en' && error instanceof Error && error.message) return error.message;
  return fallback;
}
