export * from './money.schema';
export * from './api-error.schema';
export * from './pagination.schema';
export * from './date-range.schema';
export * from './freshness.schema';
export * from './zod-issues.mapper';
export * from './translations';
