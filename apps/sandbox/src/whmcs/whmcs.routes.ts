import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { safeEqual } from '../common/safe-equal';
import { applyFaults, type HeldRequests } from '../faults/fault.responder';
import type { FaultsService } from '../faults/faults.service';
import type { WhmcsApiService, WhmcsParams } from './whmcs-api.service';
import { toWhmcsXml } from './xml.serializer';

/** Dependencies of the WHMCS route. */
export interface WhmcsRoutesOptions {
  api: WhmcsApiService;
  faults: FaultsService;
  held: HeldRequests;
  identifier: string;
  secret: string;
}

/** Flattens a parsed form body to one string per key (the last value wins for repeated keys). */
function toParams(body: unknown): WhmcsParams {
  const out: WhmcsParams = {};
  if (typeof body !== 'object' || body === null) return out;
  for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
    const v: unknown = Array.isArray(value) ? (value as unknown[]).at(-1) : value;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') out[key] = String(v);
  }
  return out;
}

/**
 * `POST /includes/api.php`: form-encoded WHMCS API calls. Credentials: `identifier` + `secret`, or `username` +
 * `password` (the secret itself or its MD5, as WHMCS accepts). Answers JSON when `responsetype=json`, XML otherwise.
 */
export function registerWhmcsRoutes(app: FastifyInstance, options: WhmcsRoutesOptions): void {
  const secretMd5 = createHash('md5').update(options.secret).digest('hex');
  app.post('/includes/api.php', async (request, reply) => {
    const params = toParams(request.body);
    const json = (params.responsetype ?? '').toLowerCase() === 'json';
    const send = (status: number, body: Record<string, unknown>) =>
      json
        ? reply
            .code(status)
            .header('content-type', 'application/json; charset=utf-8')
            .send(JSON.stringify(body))
        : reply.code(status).header('content-type', 'text/xml; charset=utf-8').send(toWhmcsXml(body));

    const action = params.action ?? '';
    if (await applyFaults(options.faults, options.held, 'whmcs', action, request, reply)) return reply;

    const user = params.identifier ?? params.username ?? '';
    const pass = params.secret ?? params.password ?? '';
    if (
      !safeEqual(user, options.identifier) ||
      !(safeEqual(pass, options.secret) || safeEqual(pass.toLowerCase(), secretMd5))
    ) {
      return send(403, { result: 'error', message: 'Authentication Failed' });
    }
    if (action === '') return send(400, { result: 'error', message: 'Command Not Found' });
    const result = options.api.run(action, params, `${request.protocol}://${request.host}`);
    return send(result.httpStatus, result.body);
  });
}
