import { baseConfig } from '@portico/eslint-config/base';

export default [
  { ignores: ['test/support/*.mjs', 'scripts/**'] },
  ...baseConfig(import.meta.dirname, { configFiles: ['src/core/config/env.ts'] }),
];
