export * from './auth.schema';
export * from './security.schema';
export * from './password-rules';
