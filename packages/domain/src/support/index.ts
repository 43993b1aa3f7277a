export * from './case.schema';
export * from './case-comment.schema';
