export * from './usage.schema';
