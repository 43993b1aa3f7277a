import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { dashboardNameSchema, panelIdSchema } from '@portico/domain';
import { z } from 'zod';
import { AppException } from './app.exception';
import { zodIssuesToDetails } from './zod-validation.pipe';

/** A Portico row id (PostgreSQL `uuid`). */
const uuidParam = z.uuid('must be a UUID');
/** A WHMCS id (invoice, hosting service): a positive integer of up to 10 digits. */
const whmcsIdParam = z.string().regex(/^[1-9]\d{0,9}$/, 'must be a WHMCS id (a positive integer)');
/** A Salesforce record id: 15 or 18 letters and digits. */
const salesforceIdParam = z
  .string()
  .regex(/^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/, 'must be a 15 or 18 character Salesforce Id');

/**
 * Every route path parameter by name and the schema it is parsed with, and what a value that fails means: a
 * malformed id names nothing, so it is 404 `not_found` (what the services answer for an unknown id, so a malformed
 * one tells a prober nothing more), answered before any query runs. A parameter missing here is held to
 * {@link UNLISTED_PARAM}; the spec beside this file fails for any route parameter not listed.
 */
export const PATH_PARAMS: Readonly<
  Record<string, { schema: z.ZodType<string>; invalid: 'validation' | 'not_found' }>
> = {
  accountId: { schema: uuidParam, invalid: 'not_found' },
  id: { schema: uuidParam, invalid: 'not_found' },
  userId: { schema: uuidParam, invalid: 'not_found' },
  inviteId: { schema: uuidParam, invalid: 'not_found' },
  sessionId: { schema: uuidParam, invalid: 'not_found' },
  keyId: { schema: uuidParam, invalid: 'not_found' },
  ruleId: { schema: uuidParam, invalid: 'not_found' },
  notificationId: { schema: uuidParam, invalid: 'not_found' },
  deliveryId: { schema: uuidParam, invalid: 'not_found' },
  dashboardId: { schema: uuidParam, invalid: 'not_found' },
  invoiceId: { schema: whmcsIdParam, invalid: 'not_found' },
  subscriptionId: { schema: whmcsIdParam, invalid: 'not_found' },
  caseId: { schema: salesforceIdParam, invalid: 'not_found' },
  /** A dashboard's name and a panel's id, as the dashboard files define them. */
  name: { schema: dashboardNameSchema, invalid: 'not_found' },
  panelId: { schema: panelIdSchema, invalid: 'not_found' },
};

/** Parameters not (yet) in {@link PATH_PARAMS}: 1-128 letters, digits, `_ . : -`, else 404. */
export const UNLISTED_PARAM = {
  schema: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, 'malformed path parameter'),
  invalid: 'not_found' as const,
};

/**
 * Parses one path parameter by its name in {@link PATH_PARAMS}.
 * @returns the parsed value
 * @throws AppException 400 `validation_failed` or 404 `not_found` for a value that fails its schema
 */
export function parsePathParam(name: string, value: unknown): string {
  const entry = PATH_PARAMS[name] ?? UNLISTED_PARAM;
  const result = entry.schema.safeParse(value);
  if (result.success) return result.data;
  if (entry.invalid === 'not_found') throw AppException.notFound();
  throw AppException.validation(
    zodIssuesToDetails(result.error.issues, `params.${name}`),
    `Invalid path parameter ${name}`,
  );
}

/**
 * Global pipe: every `@Param('name')` is parsed by its schema in {@link PATH_PARAMS} before the handler runs, so a
 * malformed id answers 400/404 instead of reaching PostgreSQL. Other arguments pass through unchanged.
 */
@Injectable()
export class PathParamsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'param' || metadata.data === undefined) return value;
    return parsePathParam(metadata.data, value);
  }
}
