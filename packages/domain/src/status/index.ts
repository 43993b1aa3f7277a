export * from './account-status.schema';
export * from './upstream-status.schema';
