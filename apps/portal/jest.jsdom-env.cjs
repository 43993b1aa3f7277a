/**
 * jsdom (a browser document for Testing Library) plus Node's own `fetch` and its classes, which jsdom lacks, so
 * components call a real HTTP server in tests (`src/test/fake-bff.ts`). Relative URLs (`/api/v1/...`, as the
 * portal's browser client sends them) resolve against `window.location`, set per test to that server.
 */
const { TestEnvironment } = require('jest-environment-jsdom');

class JsdomWithFetch extends TestEnvironment {
  constructor(config, context) {
    super(config, context);
    const g = this.global;
    const nodeFetch = globalThis.fetch;
    g.fetch = (input, init) =>
      nodeFetch(typeof input === 'string' ? new URL(input, g.__apiOrigin ?? g.location.href) : input, init);
    for (const name of [
      'Request',
      'Response',
      'Headers',
      'TextEncoder',
      'TextDecoder',
      'ReadableStream',
      'structuredClone',
    ]) {
      if (g[name] === undefined) g[name] = globalThis[name];
    }
  }
}

module.exports = JsdomWithFetch;
