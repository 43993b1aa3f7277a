import { portico } from '@portico/eslint-config';

export default [{ ignores: ['test/support/*.mjs', 'scripts/**'] }, ...portico(import.meta.dirname)];
