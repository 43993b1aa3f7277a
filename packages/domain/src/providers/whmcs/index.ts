export * from './whmcs.exception';
export * from './raw.schema';
export * from './response.mapper';
export * from './client.mapper';
export * from './subscription.mapper';
export * from './invoice.mapper';
export * from './webhook.schema';
export { decodeHtmlEntities, whmcsLocalToIso, BYTES_PER_MB } from './wire-values.mapper';
export * from '../lenient-list.schema';
