import { z } from 'zod';
import { localeSchema, type Locale } from '../auth/auth.schema';

/** Languages a configured text may be translated into: every supported locale but English, the text's own. */
export const translationLocaleSchema = localeSchema.exclude(['en']);
export type TranslationLocale = z.infer<typeof translationLocaleSchema>;

/** Per language, the texts it words differently: `{ de: { title: 'Übersicht' } }`. */
export type Translations<K extends string> = Partial<Record<TranslationLocale, Partial<Record<K, string>>>>;

/**
 * The `translations` field of a configured item whose texts are `fields` (each with its own bounds): per language
 * ({@link translationLocaleSchema}), any of those texts. An unknown language or field is an error, so a typo in a
 * configuration file is found at start-up: `translations: { de: { title: Übersicht } }`.
 */
export function translationsSchema<K extends string>(
  fields: Record<K, z.ZodString>,
): z.ZodOptional<z.ZodType<Translations<K>>> {
  const texts = z
    .object(fields as Record<string, z.ZodString>)
    .partial()
    .strict();
  return z.partialRecord(translationLocaleSchema, texts).optional() as unknown as z.ZodOptional<
    z.ZodType<Translations<K>>
  >;
}

/**
 * `item` in `locale`: its texts replaced by those `translations` gives for the language (English, or a language
 * without translations, keeps the item's own), without the `translations` field, as the BFF serves it.
 */
export function translated<T extends object>(item: T, locale: Locale): Omit<T, 'translations'> {
  const { translations, ...own } = item as T & { translations?: Translations<string> };
  const texts = locale === 'en' ? undefined : translations?.[locale];
  if (texts === undefined) return own;
  const replaced: Record<string, string> = {};
  for (const [field, text] of Object.entries<string | undefined>(texts))
    if (text !== undefined) replaced[field] = text;
  return { ...own, ...replaced };
}
