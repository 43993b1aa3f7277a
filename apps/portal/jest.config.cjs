/**
 * Unit tests: `*.spec.ts` beside the code under `src/`, in Node (pure modules). Component tests: `*.spec.tsx` beside
 * the component, in jsdom (Testing Library) with Node's `fetch` (see jest.jsdom-env.cjs). Both transpiled by
 * @swc/jest (TypeScript + TSX, React's automatic runtime) to CommonJS. `@/x` resolves like the tsconfig's `paths`.
 * next-intl, use-intl and their formatjs dependencies ship ES modules only: they are transpiled too. CSS modules
 * resolve to `jest.css-module.cjs` (class names as themselves).
 */
const transform = {
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
};
const shared = {
  roots: ['<rootDir>/src'],
  transform,
  transformIgnorePatterns: [
    '/node_modules/(?!(\\.pnpm/)?(next-intl|use-intl|icu-minify|intl-messageformat|@formatjs)[@+/])',
  ],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  moduleNameMapper: {
    '\\.module\\.css$': '<rootDir>/jest.css-module.cjs',
    '^@/(.*)$': '<rootDir>/src/$1',
  },
};

/** @type {import('jest').Config} */
module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testEnvironment: 'node', testMatch: ['**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'components',
      testEnvironment: '<rootDir>/jest.jsdom-env.cjs',
      testMatch: ['**/*.spec.tsx'],
    },
  ],
};
