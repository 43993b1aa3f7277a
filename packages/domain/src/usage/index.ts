export * from './metric-catalog.schema';
export * from './usage.schema';
export * from './usage-period';
export * from './usage-ingest.schema';
export * from './usage-alert.schema';
