export * from './invoice.schema';
export * from './subscription.schema';
