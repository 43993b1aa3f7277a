export * from './invoice.schema';
export * from './subscription.schema';
export * from './domain.schema';
export * from './payment-method.schema';
