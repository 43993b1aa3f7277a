/**
 * Integration tests: real PostgreSQL (DATABASE_URL's server, else embedded), the sandbox when built, Redis when
 * REDIS_URL is set. Run in band: the suites share one database.
 */
const swc = require('./jest.swc.cjs');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.int-spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // openid-client 6 and its oauth4webapi are ESM-only: transpile them too.
  // otplib 13 requires the ESM-only @scure/base and @noble/hashes: transpile those too.
  transformIgnorePatterns: [
    '/node_modules/(?!\\.pnpm/(@nestjs|@scure|@noble|openid-client|oauth4webapi|jose|intl-messageformat|@formatjs)|@nestjs|@scure|@noble|openid-client|oauth4webapi|jose|intl-messageformat|@formatjs)',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  // The generated Prisma client imports its siblings as `./x.js`.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  testTimeout: 60_000,
  maxWorkers: 1,
};
