import { baseConfig, ENV_IMPORT_PATHS } from '@portico/eslint-config/base';

export default [
  { ignores: ['test/support/*.mjs', 'scripts/**'] },
  ...baseConfig(import.meta.dirname, { configFiles: ['src/core/config/env.ts'] }),
  {
    // Feature modules depend on the ports (BillingProvider, CrmProvider, UpstreamHealth); the adapters behind them
    // are provided once by src/integrations/integrations.module.ts.
    files: ['src/modules/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ENV_IMPORT_PATHS,
          patterns: [
            {
              group: [
                '**/integrations/*/*.module',
                '**/integrations/integrations.module',
                '**/upstream.registry',
              ],
              message:
                'Inject the port (BillingProvider, CrmProvider, UpstreamHealth): the integrations are provided once by IntegrationsModule',
            },
          ],
        },
      ],
    },
  },
];
