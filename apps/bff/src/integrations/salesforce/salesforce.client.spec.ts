import { Logger } from '@nestjs/common';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { loadEnv, type Env } from '../../core/config/env';
import { UpstreamRegistry } from '../upstream/upstream.registry';
import { UpstreamException } from '../upstream/upstream.exception';
import { SalesforceClient } from './salesforce.client';

const record = z.looseObject({ Id: z.string() });

describe('SalesforceClient', () => {
  let server: Server;
  let base: string;
  let tokensIssued: number;
  let validToken: string;
  let log: string[];
  let queryHandler: (req: IncomingMessage, res: ServerResponse) => void;

  const json = (res: ServerResponse, status: number, body: unknown) =>
    res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));

  beforeAll(async () => {
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c: Buffer) => (data += c.toString()));
      req.on('end', () => {
        log.push(`${req.method} ${req.url}`);
        if (req.url === '/services/oauth2/token') {
          const form = new URLSearchParams(data);
          if (form.get('grant_type') !== 'client_credentials' || form.get('client_secret') !== 'sf-secret') {
            json(res, 400, { error: 'invalid_client', error_description: 'bad client' });
            return;
          }
          tokensIssued += 1;
          json(res, 200, {
            access_token: `tok-${tokensIssued}`,
            instance_url: base,
            token_type: 'Bearer',
            id: `${base}/id/00DA0000000SbxPAAQ/005A0000000IntgAAA`,
          });
          return;
        }
        if (req.headers.authorization !== `Bearer ${validToken}`) {
          json(res, 401, [{ message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' }]);
          return;
        }
        queryHandler(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  beforeEach(() => {
    tokensIssued = 0;
    validToken = 'tok-1';
    log = [];
    queryHandler = (req, res) => {
      if (req.url?.startsWith('/services/data/v62.0/query/next-1')) {
        json(res, 200, { totalSize: 3, done: true, records: [{ Id: 'c' }] });
      } else {
        json(res, 200, {
          totalSize: 3,
          done: false,
          nextRecordsUrl: '/services/data/v62.0/query/next-1',
          records: [{ Id: 'a' }, { Id: 'b' }],
        });
      }
    };
  });

  const envFor = (secret = 'sf-secret'): Env => ({
    ...loadEnv({ UPSTREAM_RETRY_INITIAL_DELAY_MS: '10' }),
    SALESFORCE_LOGIN_URL: base,
    SALESFORCE_CLIENT_ID: 'sf-id',
    SALESFORCE_CLIENT_SECRET: secret,
    SALESFORCE_API_VERSION: '62.0',
    SALESFORCE_TIMEOUT_MS: 500,
  });
  const client = (secret = 'sf-secret', registry = new UpstreamRegistry(envFor(secret))) =>
    new SalesforceClient(envFor(secret), registry);

  it('authenticates with client credentials and reads every page', async () => {
    const result = await client().queryAll("SELECT Id FROM Case WHERE AccountId = 'x'", record);
    expect(result.records.map((r) => r.Id)).toEqual(['a', 'b', 'c']);
    expect(result.totalSize).toBe(3);
    expect(tokensIssued).toBe(1);
    expect(log.filter((l) => l.includes('/query'))).toHaveLength(2);
  });

  it('leaves out a malformed record, keeps the others and logs its position across pages without its values', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    try {
      queryHandler = (req, res) => {
        if (req.url?.startsWith('/services/data/v62.0/query/next-1')) {
          json(res, 200, { totalSize: 3, done: true, records: [{ Id: 42, Name: 'secret-name' }] });
        } else {
          json(res, 200, {
            totalSize: 3,
            done: false,
            nextRecordsUrl: '/services/data/v62.0/query/next-1',
            records: [{ Id: 'a' }, { Id: 'b' }],
          });
        }
      };
      const result = await client().queryAll('SELECT Id FROM Case', record);
      expect(result.records.map((r) => r.Id)).toEqual(['a', 'b']);
      const call = warn.mock.calls.find((c) => c[1] === 'salesforce record skipped: unexpected shape');
      expect(call?.[0]).toMatchObject({ operation: 'query', index: 2, id: '42' });
      expect(JSON.stringify(call?.[0])).not.toContain('secret-name');
    } finally {
      warn.mockRestore();
    }
  });

  it('re-authenticates once when the session expired', async () => {
    const sf = client();
    await sf.queryAll('SELECT Id FROM Account', record);
    validToken = 'tok-2'; // the first token is now rejected
    const result = await sf.queryAll('SELECT Id FROM Account', record);
    expect(result.records).toHaveLength(3);
    expect(tokensIssued).toBe(2);
  });

  it('does not sign in again when the session is not valid for the REST API', async () => {
    const sf = client();
    queryHandler = (_req, res) =>
      json(res, 401, [
        { message: 'This session is not valid for use with the REST API', errorCode: 'INVALID_SESSION_ID' },
      ]);
    const err: unknown = await sf.queryAll('SELECT Id FROM Account', record).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamException);
    expect((err as UpstreamException).kind).toBe('rejected');
    expect((err as UpstreamException).reason).toContain('not valid for use with the REST API');
    expect(tokensIssued).toBe(1);
    expect(log.filter((l) => l.startsWith('GET /services/data'))).toHaveLength(1);
  });

  it('knows the integration user from the identity URL once signed in', async () => {
    const sf = client();
    expect(sf.integrationUserId).toBeNull();
    await sf.queryAll('SELECT Id FROM Account', record);
    expect(sf.integrationUserId).toBe('005A0000000IntgAAA');
  });

  it('gives up after one re-authentication', async () => {
    validToken = 'never-issued';
    const err: unknown = await client()
      .queryAll('SELECT Id FROM Account', record)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamException);
    expect((err as UpstreamException).kind).toBe('rejected');
    expect(tokensIssued).toBe(2);
  });

  it('reports refused credentials without the secret', async () => {
    const err: unknown = await client('wrong-secret')
      .queryAll('SELECT Id FROM Account', record)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UpstreamException);
    expect((err as UpstreamException).kind).toBe('rejected');
    expect((err as UpstreamException).reason).not.toContain('wrong-secret');
  });

  it('classifies a slow answer as a timeout', async () => {
    queryHandler = (_req, res) =>
      setTimeout(() => json(res, 200, { totalSize: 0, done: true, records: [] }), 1500);
    const err: unknown = await client()
      .queryAll('SELECT Id FROM Account', record)
      .catch((e: unknown) => e);
    expect((err as UpstreamException).kind).toBe('timeout');
  });

  it('opens the breaker on REQUEST_LIMIT_EXCEEDED for the Retry-After asked (else the default)', async () => {
    const registry = new UpstreamRegistry(envFor());
    const sf = client('sf-secret', registry);
    let queries = 0;
    queryHandler = (_req, res) => {
      queries += 1;
      res.writeHead(403, { 'content-type': 'application/json', 'retry-after': '12' });
      res.end(
        JSON.stringify([{ message: 'TotalRequests Limit exceeded.', errorCode: 'REQUEST_LIMIT_EXCEEDED' }]),
      );
    };
    const err = (await sf
      .queryAll('SELECT Id FROM Account', record)
      .catch((e: unknown) => e)) as UpstreamException;
    expect(err).toMatchObject({ kind: 'unreachable', rateLimited: true, retryAfterMs: 12_000 });
    expect(queries).toBe(1);
    const state = registry.snapshot().salesforce;
    expect(state).toMatchObject({ breaker: 'open', openReason: 'rate_limited' });
    expect(Date.parse(state.retryAt ?? '') - Date.now()).toBeGreaterThan(10_000);
    const held = (await sf
      .queryAll('SELECT Id FROM Account', record)
      .catch((e: unknown) => e)) as UpstreamException;
    expect(held).toMatchObject({ shortCircuited: true, rateLimited: true });
    expect(queries).toBe(1);
  });
});
