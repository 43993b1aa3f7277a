import type { Locale } from '@portico/domain';

/**
 * The regional `Intl` locale of each language the BFF words texts in (as the portal does: number grouping, decimal
 * sign, date order): `en` is `en-US`, `de` is `de-DE`.
 */
export const INTL_LOCALE: Readonly<Record<Locale, string>> = { en: 'en-US', de: 'de-DE' };
