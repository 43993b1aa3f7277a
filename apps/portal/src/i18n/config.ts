/** The portal's languages; the first is the fallback when nothing else matches. */
export const LOCALES = ['en', 'de'] as const;

/** One of {@link LOCALES}. */
export type AppLocale = (typeof LOCALES)[number];

/** Used when neither the saved preference nor `Accept-Language` names a supported language. */
export const DEFAULT_LOCALE: AppLocale = 'en';

/**
 * Cookie holding the chosen language (`en` | `de`), set by the language switcher and synchronised with the signed-in
 * user's saved preference; read by the server so the first render is already in that language.
 */
export const LOCALE_COOKIE = 'portico_locale';

/** Names of the languages in themselves, as the switcher lists them. */
export const LOCALE_NAMES: Readonly<Record<AppLocale, string>> = { en: 'English', de: 'Deutsch' };

/** Regional locale handed to `Intl` for each language (number grouping, date order, currency placement). */
export const INTL_LOCALE: Readonly<Record<AppLocale, string>> = { en: 'en-US', de: 'de-DE' };

/** Whether `value` is a supported language code. */
export function isLocale(value: unknown): value is AppLocale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
