import { match } from '@formatjs/intl-localematcher';
import Negotiator from 'negotiator';
import { DEFAULT_LOCALE, isLocale, LOCALES, type AppLocale } from './config';

/**
 * The language of a request: the saved choice (the `portico_locale` cookie, which mirrors the signed-in user's saved
 * preference) when it names a supported language, else the best match of `Accept-Language` (RFC 9110 q-values,
 * via `negotiator` and the ECMA-402 lookup of `@formatjs/intl-localematcher`), else English.
 * @param saved value of the locale cookie, if any
 * @param acceptLanguage the request's `Accept-Language` header, if any
 */
export function resolveLocale(
  saved: string | undefined,
  acceptLanguage: string | null | undefined,
): AppLocale {
  if (isLocale(saved)) return saved;
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const requested = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages();
  try {
    const best = match(
      requested.filter((l) => l !== '*'),
      LOCALES,
      DEFAULT_LOCALE,
    );
    return isLocale(best) ? best : DEFAULT_LOCALE;
  } catch {
    // A malformed language tag in the header: fall back rather than fail the page.
    return DEFAULT_LOCALE;
  }
}
