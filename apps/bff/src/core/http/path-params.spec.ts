import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { AppException } from './app.exception';
import { PATH_PARAMS, parsePathParam, PathParamsPipe } from './path-params';

/** Every `*.controller.ts` under src/. */
function controllerFiles(dir = path.join(__dirname, '..', '..')): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return controllerFiles(full);
    return entry.name.endsWith('.controller.ts') ? [full] : [];
  });
}

function statusOf(fn: () => unknown): number | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return err instanceof AppException ? err.status : 500;
  }
}

describe('path parameters', () => {
  it('every :param of every controller route has a schema', () => {
    const names = new Set<string>();
    for (const file of controllerFiles()) {
      for (const match of readFileSync(file, 'utf8').matchAll(
        /@(?:Controller|Get|Post|Put|Patch|Delete)\('([^']*)'\)/g,
      )) {
        for (const param of (match[1] ?? '').matchAll(/:([A-Za-z]+)/g)) names.add(param[1] ?? '');
      }
    }
    expect(names.size).toBeGreaterThan(5);
    expect([...names].filter((name) => !(name in PATH_PARAMS))).toEqual([]);
  });

  it('a malformed id is 404 without reaching a query, a well-formed one passes', () => {
    expect(statusOf(() => parsePathParam('userId', 'abc'))).toBe(404);
    expect(statusOf(() => parsePathParam('inviteId', "1' OR '1'='1"))).toBe(404);
    expect(statusOf(() => parsePathParam('accountId', 'abc'))).toBe(404);
    expect(statusOf(() => parsePathParam('invoiceId', '-1'))).toBe(404);
    expect(statusOf(() => parsePathParam('caseId', '500A0000001CaseAAA'))).toBe('ok');
    expect(parsePathParam('userId', '6f1c3c1e-8a4e-4a53-9d57-6f1d4f0f3b11')).toBe(
      '6f1c3c1e-8a4e-4a53-9d57-6f1d4f0f3b11',
    );
    expect(statusOf(() => parsePathParam('somethingNew', 'x'.repeat(500)))).toBe(404);
  });

  it('the global pipe parses route params only', () => {
    const pipe = new PathParamsPipe();
    expect(pipe.transform({ a: 1 }, { type: 'body' })).toEqual({ a: 1 });
    expect(statusOf(() => pipe.transform('abc', { type: 'param', data: 'ruleId' }))).toBe(404);
  });
});
