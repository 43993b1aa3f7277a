export * from './event.schema';
