export * from './role.schema';
export * from './member.schema';
