export * from './account.schema';
export * from './admin-account.schema';
export * from './identity-provider.schema';
