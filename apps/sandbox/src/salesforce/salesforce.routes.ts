import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { safeEqual } from '../common/safe-equal';
import { applyFaults, dropsAfterWrite, type HeldRequests } from '../faults/fault.responder';
import type { FaultsService } from '../faults/faults.service';
import { SANDBOX_INTEGRATION_USER, StoreError, type SandboxStore } from '../store/sandbox.store';
import type { SfRecord, SfValue } from '../store/salesforce.model';
import {
  describeObject,
  recordUrl,
  resolveField,
  SalesforceApiError,
  SoqlExecutor,
  type SfJsonRecord,
} from './soql.executor';
import { parseSoql, SoqlSyntaxError } from './soql.parser';
import type { SalesforceSessions } from './session.service';

/** Dependencies of the Salesforce routes. */
export interface SalesforceRoutesOptions {
  store: SandboxStore;
  sessions: SalesforceSessions;
  faults: FaultsService;
  held: HeldRequests;
  clientId: string;
  clientSecret: string;
  /** Called after a Case is created or updated. */
  onCaseChanged: (record: SfRecord) => void;
  /** Called after a CaseComment is created. */
  onCaseCommentCreated: (comment: SfRecord) => void;
}

/** Default and maximum query batch size (records per page). */
export const SF_MAX_BATCH = 2000;
const SUPPORTED_VERSIONS = Array.from({ length: 66 - 31 + 1 }, (_, i) => `${31 + i}.0`);
const MAX_CURSORS = 200;

/** A query result kept for its `nextRecordsUrl` pages. */
interface QueryCursor {
  records: SfJsonRecord[];
  totalSize: number;
  batchSize: number;
}

function sendErrors(
  reply: FastifyReply,
  status: number,
  errors: Array<{ message: string; errorCode: string; fields?: string[] }>,
) {
  return reply.code(status).send(errors);
}

/** Answers a rejected sObject write: 404 `NOT_FOUND` for an unknown record, else 400 with the store's `errorCode`. */
function sendWriteError(reply: FastifyReply, err: StoreError) {
  if (err.code === 'not_found')
    return sendErrors(reply, 404, [{ errorCode: 'NOT_FOUND', message: err.message }]);
  return sendErrors(reply, 400, [
    {
      message: err.message,
      errorCode: err.sfErrorCode ?? 'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      fields: err.fields,
    },
  ]);
}

/** A record body: field names to values (the REST API's JSON object of fields). */
const recordValuesSchema = z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]));

/** The field values of a create, update or upsert body, or null when it is not a JSON object of field values. */
function recordValues(body: unknown): Record<string, SfValue> | null {
  const parsed = recordValuesSchema.safeParse(body);
  return parsed.success ? parsed.data : null;
}

/** Salesforce's answer to a body that is not a JSON object of field values. */
function sendJsonParserError(reply: FastifyReply) {
  return sendErrors(reply, 400, [
    { errorCode: 'JSON_PARSER_ERROR', message: 'The request body must be a JSON object of field values' },
  ]);
}

const tokenFormSchema = z.looseObject({
  grant_type: z.string().optional(),
  client_id: z.string().optional(),
  client_secret: z.string().optional(),
});

/** Registers the OAuth token endpoint and the REST API (`/services/data/...`). */
export function registerSalesforceRoutes(app: FastifyInstance, options: SalesforceRoutesOptions): void {
  const { store, sessions, faults, held } = options;
  const executor = new SoqlExecutor(store);
  const cursors = new Map<string, QueryCursor>();

  const fault = (action: string, request: FastifyRequest, reply: FastifyReply) =>
    applyFaults(faults, held, 'salesforce', action, request, reply);

  /* ------------------------------------------------------------ OAuth 2.0 client credentials */
  app.post('/services/oauth2/token', async (request, reply) => {
    if (await fault('oauth', request, reply)) return reply;
    const form = tokenFormSchema.safeParse(request.body ?? {});
    if (!form.success)
      return reply
        .code(400)
        .send({ error: 'invalid_request', error_description: 'the request body must be form-encoded' });
    let { client_id: clientId, client_secret: clientSecret } = form.data;
    const auth = request.headers.authorization;
    if (auth?.toLowerCase().startsWith('basic ')) {
      const decoded = Buffer.from(auth.slice(6).trim(), 'base64').toString('utf8');
      const sep = decoded.indexOf(':');
      if (sep > 0) {
        clientId = decodeURIComponent(decoded.slice(0, sep));
        clientSecret = decodeURIComponent(decoded.slice(sep + 1));
      }
    }
    if (form.data.grant_type === undefined)
      return reply.code(400).send({ error: 'invalid_request', error_description: 'grant_type is required' });
    if (form.data.grant_type !== 'client_credentials')
      return reply
        .code(400)
        .send({ error: 'unsupported_grant_type', error_description: 'grant type not supported' });
    if (clientId === undefined || clientSecret === undefined || !safeEqual(clientId, options.clientId)) {
      return reply
        .code(400)
        .send({ error: 'invalid_client_id', error_description: 'client identifier invalid' });
    }
    if (!safeEqual(clientSecret, options.clientSecret))
      return reply
        .code(400)
        .send({ error: 'invalid_client', error_description: 'invalid client credentials' });
    const instanceUrl = `${request.protocol}://${request.host}`;
    return reply.code(200).send(sessions.issue(instanceUrl, options.clientSecret));
  });

  /* ------------------------------------------------------------ REST API */
  app.get('/services/data', async (_request, reply) => reply.redirect('/services/data/', 301));
  app.get('/services/data/', async (request, reply) => {
    if (await fault('versions', request, reply)) return reply;
    return SUPPORTED_VERSIONS.map((v) => ({ label: `API ${v}`, url: `/services/data/v${v}`, version: v }));
  });

  /** Checks the version segment and the bearer token; answers the error itself and returns null when not allowed. */
  async function guard(
    request: FastifyRequest<{ Params: { version: string } }>,
    reply: FastifyReply,
  ): Promise<string | null> {
    const m = /^v(\d{2}\.0)$/.exec(request.params.version);
    if (!m?.[1] || !SUPPORTED_VERSIONS.includes(m[1])) {
      await sendErrors(reply, 404, [
        { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
      ]);
      return null;
    }
    const header = request.headers.authorization ?? '';
    const token = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(header)?.[1]?.trim();
    if (!token || !sessions.isValid(token)) {
      await sendErrors(reply, 401, [
        { message: 'Session expired or invalid', errorCode: 'INVALID_SESSION_ID' },
      ]);
      return null;
    }
    return m[1];
  }

  app.get<{ Params: { version: string } }>('/services/data/:version/', async (request, reply) => {
    const version = await guard(request, reply);
    if (version === null) return reply;
    const base = `/services/data/v${version}`;
    return {
      sobjects: `${base}/sobjects`,
      query: `${base}/query`,
      queryAll: `${base}/queryAll`,
      limits: `${base}/limits`,
    };
  });

  /** Keeps a result for `nextRecordsUrl` (dropping the oldest beyond {@link MAX_CURSORS}) and returns its locator. */
  function remember(cursor: QueryCursor): string {
    const locator = `01g${randomBytes(12)
      .toString('base64url')
      .replace(/[^A-Za-z0-9]/g, 'x')
      .slice(0, 15)}`;
    cursors.set(locator, cursor);
    while (cursors.size > MAX_CURSORS) {
      const oldest = cursors.keys().next().value;
      if (oldest === undefined) break;
      cursors.delete(oldest);
    }
    return locator;
  }

  /** The page of `cursor` starting at `start`; `locator` is given when the cursor is already kept (queryMore). */
  function page(version: string, cursor: QueryCursor, start: number, locator?: string) {
    const { records, totalSize, batchSize } = cursor;
    const slice = records.slice(start, start + batchSize);
    const next = start + batchSize;
    if (next >= records.length) return { totalSize, done: true, records: slice };
    return {
      totalSize,
      done: false,
      nextRecordsUrl: `/services/data/v${version}/query/${locator ?? remember(cursor)}-${next}`,
      records: slice,
    };
  }

  function batchSizeOf(request: FastifyRequest): number {
    const header = request.headers['sforce-query-options'];
    const text = Array.isArray(header) ? header.join(',') : (header ?? '');
    const m = /batchSize\s*=\s*(\d+)/i.exec(text);
    const n = m?.[1] ? Number(m[1]) : SF_MAX_BATCH;
    return Math.min(Math.max(n, 1), SF_MAX_BATCH);
  }

  const queryHandler = async (
    request: FastifyRequest<{ Params: { version: string }; Querystring: Record<string, unknown> }>,
    reply: FastifyReply,
  ) => {
    if (await fault('query', request, reply)) return reply;
    const version = await guard(request, reply);
    if (version === null) return reply;
    const q = request.query.q;
    if (typeof q !== 'string' || q.trim() === '') {
      return sendErrors(reply, 400, [
        { message: 'A query string has to be specified', errorCode: 'MALFORMED_QUERY' },
      ]);
    }
    try {
      const { records, totalSize } = executor.execute(parseSoql(q), version);
      return page(version, { records, totalSize, batchSize: batchSizeOf(request) }, 0);
    } catch (err) {
      if (err instanceof SoqlSyntaxError)
        return sendErrors(reply, 400, [{ message: err.message, errorCode: 'MALFORMED_QUERY' }]);
      if (err instanceof SalesforceApiError)
        return sendErrors(reply, err.status, [{ message: err.message, errorCode: err.errorCode }]);
      throw err;
    }
  };
  app.get('/services/data/:version/query', queryHandler);
  app.get('/services/data/:version/query/', queryHandler);
  app.get('/services/data/:version/queryAll', queryHandler);

  app.get<{ Params: { version: string; locator: string } }>(
    '/services/data/:version/query/:locator',
    async (request, reply) => {
      if (await fault('query', request, reply)) return reply;
      const version = await guard(request, reply);
      if (version === null) return reply;
      const m = /^(01g[A-Za-z0-9]+)-(\d+)$/.exec(request.params.locator);
      const locator = m?.[1];
      const cursor = locator === undefined ? undefined : cursors.get(locator);
      if (!m || locator === undefined || !cursor)
        return sendErrors(reply, 400, [
          { message: 'invalid query locator', errorCode: 'INVALID_QUERY_LOCATOR' },
        ]);
      return page(version, cursor, Number(m[2]), locator);
    },
  );

  /* ------------------------------------------------------------ sObjects */
  app.get<{ Params: { version: string; type: string; id: string }; Querystring: { fields?: string } }>(
    '/services/data/:version/sobjects/:type/:id',
    async (request, reply) => {
      if (await fault('retrieve', request, reply)) return reply;
      const version = await guard(request, reply);
      if (version === null) return reply;
      try {
        const describe = describeObject(request.params.type);
        const record = store.sobject(describe.name, request.params.id);
        if (!record)
          return sendErrors(reply, 404, [
            { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' },
          ]);
        const names =
          typeof request.query.fields === 'string' && request.query.fields.trim() !== ''
            ? request.query.fields.split(',').map((f) => f.trim())
            : Object.keys(describe.fields);
        return executor.project(
          describe,
          record,
          names.map((n) => resolveField(describe, n)),
          version,
        );
      } catch (err) {
        if (err instanceof SalesforceApiError)
          return sendErrors(
            reply,
            err.status === 400 && err.errorCode === 'INVALID_TYPE' ? 404 : err.status,
            [
              {
                message: err.message,
                errorCode: err.errorCode === 'INVALID_TYPE' ? 'NOT_FOUND' : err.errorCode,
              },
            ],
          );
        throw err;
      }
    },
  );

  app.post<{ Params: { version: string; type: string } }>(
    '/services/data/:version/sobjects/:type',
    async (request, reply) => {
      if (await fault('create', request, reply)) return reply;
      const version = await guard(request, reply);
      if (version === null) return reply;
      if (request.params.type.toLowerCase() === 'casecomment') {
        const values = recordValues(request.body);
        if (values === null) return sendJsonParserError(reply);
        try {
          // Records created through the API belong to the user the OAuth token acts as.
          const record = store.createCaseComment(values, SANDBOX_INTEGRATION_USER.id);
          options.onCaseCommentCreated(record);
          return reply
            .code(201)
            .header('location', recordUrl(version, 'CaseComment', record.Id ?? null))
            .send({ id: record.Id, success: true, errors: [] });
        } catch (err) {
          if (err instanceof StoreError) return sendWriteError(reply, err);
          throw err;
        }
      }
      if (request.params.type.toLowerCase() !== 'case') {
        try {
          describeObject(request.params.type);
        } catch (err) {
          if (err instanceof SalesforceApiError)
            return sendErrors(reply, 404, [{ errorCode: 'NOT_FOUND', message: err.message }]);
          throw err;
        }
        return sendErrors(reply, 400, [
          {
            errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
            message: `The sandbox does not create ${request.params.type} records`,
          },
        ]);
      }
      const values = recordValues(request.body);
      if (values === null) return sendJsonParserError(reply);
      try {
        const record = store.createCase(values);
        options.onCaseChanged(record);
        return reply
          .code(201)
          .header('location', recordUrl(version, 'Case', record.Id ?? null))
          .send({ id: record.Id, success: true, errors: [] });
      } catch (err) {
        if (err instanceof StoreError) return sendWriteError(reply, err);
        throw err;
      }
    },
  );

  // Upsert on an External ID field: 201 `created: true` for a new record, 200 `created: false` for an existing one.
  app.patch<{ Params: { version: string; type: string; field: string; value: string } }>(
    '/services/data/:version/sobjects/:type/:field/:value',
    async (request, reply) => {
      if (await fault('upsert', request, reply)) return reply;
      const version = await guard(request, reply);
      if (version === null) return reply;
      if (request.params.type.toLowerCase() !== 'case')
        return sendErrors(reply, 400, [
          {
            errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
            message: `The sandbox does not upsert ${request.params.type} records`,
          },
        ]);
      const values = recordValues(request.body);
      if (values === null) return sendJsonParserError(reply);
      try {
        const { attributes: _ignored, ...fields } = values;
        const { record, created } = store.upsertCase(request.params.field, request.params.value, fields);
        if (created) options.onCaseChanged(record);
        if (dropsAfterWrite(request)) {
          // The write is kept, the answer is lost: what a client sees when the connection drops at the worst moment.
          reply.hijack();
          reply.raw.destroy();
          return reply;
        }
        return reply
          .code(created ? 201 : 200)
          .header('location', recordUrl(version, 'Case', record.Id ?? null))
          .send({ id: record.Id, success: true, errors: [], created });
      } catch (err) {
        if (err instanceof StoreError) return sendWriteError(reply, err);
        throw err;
      }
    },
  );

  app.patch<{ Params: { version: string; type: string; id: string } }>(
    '/services/data/:version/sobjects/:type/:id',
    async (request, reply) => {
      if (await fault('update', request, reply)) return reply;
      const version = await guard(request, reply);
      if (version === null) return reply;
      if (request.params.type.toLowerCase() !== 'case')
        return sendErrors(reply, 400, [
          {
            errorCode: 'INSUFFICIENT_ACCESS_OR_READONLY',
            message: `The sandbox does not update ${request.params.type} records`,
          },
        ]);
      const values = recordValues(request.body);
      if (values === null) return sendJsonParserError(reply);
      try {
        const { attributes: _ignored, ...changes } = values;
        const record = store.updateCase(request.params.id, changes);
        options.onCaseChanged(record);
        return reply.code(204).send();
      } catch (err) {
        if (err instanceof StoreError) return sendWriteError(reply, err);
        throw err;
      }
    },
  );
}
