// Shared type-aware ESLint preset for every Portico package.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * Builds the flat config for one package.
 * @param {string} tsconfigRootDir absolute folder of the package's tsconfig.json
 */
export function portico(tsconfigRootDir) {
  return tseslint.config(
    { ignores: ['dist/**', '.next/**', 'node_modules/**', 'src/generated/**', 'coverage/**', '*.config.*', 'next-env.d.ts'] },
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
      files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts', 'e2e/**/*.ts'],
      rules: {
        '@typescript-eslint/no-unsafe-member-access': 'off',
        '@typescript-eslint/no-unsafe-assignment': 'off',
        '@typescript-eslint/no-unsafe-argument': 'off',
        '@typescript-eslint/unbound-method': 'off',
      },
    },
  );
}
