export * from './audit-event.schema';
