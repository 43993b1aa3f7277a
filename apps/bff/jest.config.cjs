/** Unit tests: `*.spec.ts` beside the code. */
const swc = require('./jest.swc.cjs');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src'],
  testMatch: ['**/*.spec.ts'],
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // @nestjs 12 packages are ESM-only: transpile them too.
  // openid-client 6 and its oauth4webapi are ESM-only: transpile them too.
  // otplib 13 requires the ESM-only @scure/base and @noble/hashes: transpile those too.
  // intl-messageformat (the mails' ICU messages) and its @formatjs parts are ESM-only: transpile them too.
  transformIgnorePatterns: [
    '/node_modules/(?!\\.pnpm/(@nestjs|@scure|@noble|openid-client|oauth4webapi|jose|intl-messageformat|@formatjs)|@nestjs|@scure|@noble|openid-client|oauth4webapi|jose|intl-messageformat|@formatjs)',
  ],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  // The generated Prisma client imports its siblings as `./x.js`.
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
};
