export * from './account-status.schema';
