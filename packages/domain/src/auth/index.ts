export * from './auth.schema';
export * from './security.schema';
