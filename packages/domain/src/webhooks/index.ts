export * from './webhook-delivery.schema';
