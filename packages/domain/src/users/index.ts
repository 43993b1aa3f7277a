export * from './role.schema';
export * from './member.schema';
export * from './permission.schema';
export * from './permissions';
