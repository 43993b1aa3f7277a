export * from './account.schema';
