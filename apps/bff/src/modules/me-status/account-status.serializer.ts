import type { AccountStatus } from '@portico/domain';

/** JSON of cached block data, by object: a cached block is the same object on every read (in-memory cache). */
const jsonOf = new WeakMap<object, string>();

/** `JSON.stringify(value)`, remembered per object (the value must never be mutated afterwards). */
function cachedJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  let json = jsonOf.get(value);
  if (json === undefined) {
    json = JSON.stringify(value);
    jsonOf.set(value, json);
  }
  return json;
}

function block(b: { meta: unknown; data: unknown }): string {
  return `{"meta":${JSON.stringify(b.meta)},"data":${cachedJson(b.data)}}`;
}

/**
 * The JSON of a status document, equal to `JSON.stringify(doc)`, built from the JSON of each block's data as
 * remembered per (immutable, cached) data object: a cached status request then serialises only the small parts
 * that change per request (`generatedAt`, freshness, breaker states) instead of the whole document.
 */
export function serializeAccountStatus(doc: AccountStatus): string {
  return (
    `{"account":${JSON.stringify(doc.account)},"generatedAt":${JSON.stringify(doc.generatedAt)},` +
    `"profile":${block(doc.profile)},"crm":${block(doc.crm)},"subscriptions":${block(doc.subscriptions)},` +
    `"billing":${block(doc.billing)},"cases":${block(doc.cases)},"usage":${block(doc.usage)},` +
    `"upstreams":${JSON.stringify(doc.upstreams)}}`
  );
}
