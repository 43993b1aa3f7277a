/**
 * Unit tests: `*.spec.ts(x)` beside the code under `src/`, transpiled by @swc/jest (TypeScript + TSX, React's
 * automatic runtime) to CommonJS. The tests cover pure modules, so they run in Node (no DOM).
 * `@/x` resolves like the tsconfig's `paths` entry. next-intl, use-intl and their formatjs dependencies ship ES modules only: they are transpiled too.
 */
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts', '**/*.spec.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', tsx: true },
          transform: { react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/)?(next-intl|use-intl|icu-minify|intl-messageformat|@formatjs)[@+/])'],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  moduleNameMapper: { '^@/(.*)$': '<rootDir>/src/$1' },
};
