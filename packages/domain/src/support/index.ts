export * from './case.schema';
