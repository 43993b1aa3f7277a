import type { AccountStatus, Locale, UsageTile } from '@portico/domain';
import type { MetricCatalogService } from '../usage/catalog/metric-catalog';

/** Translated tiles per cached tile list and language: the same object on every read, so its JSON is remembered. */
const translatedTiles = new WeakMap<readonly UsageTile[], Map<Locale, UsageTile[]>>();

/**
 * The status document with its usage tiles' `label` (from the catalog's `label`) in `locale`, as the metric catalog
 * words it (`translations`); English, or a document without usage tiles, is returned as it is. The translated list
 * is remembered per cached list and language, so the serializer's remembered JSON keeps working.
 */
export function withUsageLabelsIn(
  doc: AccountStatus,
  locale: Locale,
  catalog: MetricCatalogService,
): AccountStatus {
  const tiles = doc.usage.data;
  if (locale === 'en' || tiles === null) return doc;
  let byLocale = translatedTiles.get(tiles);
  if (byLocale === undefined) {
    byLocale = new Map();
    translatedTiles.set(tiles, byLocale);
  }
  let translated = byLocale.get(locale);
  if (translated === undefined) {
    translated = tiles.map((t) => ({ ...t, label: catalog.findIn(t.metric, locale)?.label ?? t.label }));
    byLocale.set(locale, translated);
  }
  return { ...doc, usage: { ...doc.usage, data: translated } };
}
