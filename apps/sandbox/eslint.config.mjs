import { baseConfig } from '@portico/eslint-config/base';

export default baseConfig(import.meta.dirname, { configFiles: ['src/config/env.schema.ts'] });
