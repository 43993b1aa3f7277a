export * from './raw.schema';
export * from './soql.mapper';
export * from './account.mapper';
export * from './case.mapper';
export * from './webhook.schema';
export * from '../lenient-list.schema';
export * from './case-comment.mapper';
