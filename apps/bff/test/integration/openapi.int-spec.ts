import { ROUTE_SCHEMAS } from '../../src/core/http/openapi-schemas';
import { createTestApp, type TestApp } from '../support/test-app';

interface Operation {
  parameters?: { name: string; in: string; required: boolean }[];
  requestBody?: { content: Record<string, { schema: { $ref: string } }> };
  responses: Record<string, { content?: Record<string, { schema: { $ref: string } }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { properties?: Record<string, unknown>; required?: string[] }> };
}

describe('OpenAPI document (integration)', () => {
  let t: TestApp;
  let doc: Document;

  beforeAll(async () => {
    t = await createTestApp();
    const res = await fetch(`${t.url}/api/docs-json`);
    expect(res.status).toBe(200);
    doc = (await res.json()) as Document;
  });
  afterAll(async () => {
    await t.close();
  });

  it('describes the payloads of every API and webhook route (a new route without schemas fails here)', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods)
        .filter(() => path.startsWith('/api/v1/') || path.startsWith('/webhooks/'))
        .map((method) => `${method} ${path}`),
    );
    expect(operations.length).toBeGreaterThanOrEqual(14);
    expect(operations.filter((op) => !(op in ROUTE_SCHEMAS))).toEqual([]);
    expect(Object.keys(ROUTE_SCHEMAS).filter((op) => !operations.includes(op))).toEqual([]);
  });

  it('references the domain schemas for bodies, responses and errors', () => {
    const status = doc.paths['/api/v1/accounts/{accountId}/status']?.get;
    expect(status?.responses['200']?.content?.['application/json']?.schema.$ref).toBe(
      '#/components/schemas/AccountStatus',
    );
    expect(status?.responses['404']?.content?.['application/json']?.schema.$ref).toBe(
      '#/components/schemas/ApiError',
    );
    expect(Object.keys(doc.components.schemas.AccountStatus?.properties ?? {})).toEqual(
      expect.arrayContaining(['account', 'profile', 'crm', 'subscriptions', 'billing', 'cases', 'usage']),
    );
    const login = doc.paths['/api/v1/auth/login']?.post;
    expect(login?.requestBody?.content['application/json']?.schema.$ref).toBe(
      '#/components/schemas/LoginRequest',
    );
    expect(doc.components.schemas.LoginRequest?.required).toEqual(
      expect.arrayContaining(['email', 'password']),
    );
  });

  it('lists path and query parameters with their required flags', () => {
    const usage = doc.paths['/api/v1/accounts/{accountId}/usage']?.get;
    const params = Object.fromEntries(
      (usage?.parameters ?? []).map((p) => [`${p.in}:${p.name}`, p.required]),
    );
    expect(params).toEqual({
      'path:accountId': true,
      'query:metric': true,
      'query:from': true,
      'query:to': true,
      'query:service': false,
    });
    const invoices = doc.paths['/api/v1/accounts/{accountId}/invoices']?.get;
    const names = (invoices?.parameters ?? [])
      .filter((p) => p.in === 'query')
      .map((p) => [p.name, p.required]);
    expect(names).toEqual(
      expect.arrayContaining([
        ['page', false],
        ['pageSize', false],
        ['status', false],
      ]),
    );
  });
});
