export * from './account.schema';
export * from './admin-account.schema';
