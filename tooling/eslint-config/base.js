// Base preset: JavaScript and type-aware TypeScript rules for every Portico package, and the rule that keeps
// `process.env` reads in each package's config module.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const ENV_MESSAGE = 'Read settings through the validated config module, not process.env';

/** Files under test harnesses, where reading `process.env` (ports, URLs of test services) is the harness's job. */
const TEST_FILES = [
  '**/*.spec.ts',
  '**/*.spec.tsx',
  '**/*.int-spec.ts',
  '**/*.e2e-spec.ts',
  'test/**/*.ts',
  'e2e/**/*.ts',
];

/** The `no-restricted-imports` paths that keep `process.env` in the config module (see {@link restrictEnvAccess}). */
export const ENV_IMPORT_PATHS = [
  { name: 'process', importNames: ['env'], message: ENV_MESSAGE },
  { name: 'node:process', importNames: ['env'], message: ENV_MESSAGE },
];

/**
 * Forbids `process.env` outside `configFiles` (the package's validated config module) and tests: settings are read
 * and validated once, and everything else receives them typed.
 * @param {string[]} configFiles globs of the files allowed to read `process.env`
 */
export function restrictEnvAccess(configFiles) {
  return [
    {
      files: ['**/*.js', '**/*.mjs', '**/*.ts', '**/*.tsx'],
      rules: {
        'no-restricted-properties': ['error', { object: 'process', property: 'env', message: ENV_MESSAGE }],
        'no-restricted-imports': [
          'error',
          {
            paths: ENV_IMPORT_PATHS,
          },
        ],
      },
    },
    {
      files: [...configFiles, ...TEST_FILES],
      rules: { 'no-restricted-properties': 'off', 'no-restricted-imports': 'off' },
    },
  ];
}

/**
 * The base flat config of one package.
 * @param {string} tsconfigRootDir absolute folder of the package's tsconfig.json
 * @param {{ configFiles?: string[] }} [options] `configFiles`: the only files that may read `process.env`
 */
export function baseConfig(tsconfigRootDir, options = {}) {
  return tseslint.config(
    {
      ignores: [
        'dist/**',
        '.next/**',
        'node_modules/**',
        'src/generated/**',
        'coverage/**',
        '*.config.*',
        'next-env.d.ts',
      ],
    },
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: { parserOptions: { projectService: true, tsconfigRootDir } },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/no-explicit-any': 'error',
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
        '@typescript-eslint/no-extraneous-class': 'off',
        '@typescript-eslint/require-await': 'off',
        '@typescript-eslint/no-unsafe-enum-comparison': 'off',
      },
    },
    {
      files: TEST_FILES,
      rules: {
        '@typescript-eslint/no-unsafe-member-access': 'off',
        '@typescript-eslint/no-unsafe-assignment': 'off',
        '@typescript-eslint/no-unsafe-argument': 'off',
        '@typescript-eslint/unbound-method': 'off',
      },
    },
    ...restrictEnvAccess(options.configFiles ?? []),
  );
}
