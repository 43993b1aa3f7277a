import { baseConfig } from '@portico/eslint-config/base';
import { nextjsConfig } from '@portico/eslint-config/nextjs';
import { reactConfig } from '@portico/eslint-config/react';

export default [
  ...baseConfig(import.meta.dirname, { configFiles: ['src/env.ts'] }),
  ...reactConfig,
  ...nextjsConfig,
];
