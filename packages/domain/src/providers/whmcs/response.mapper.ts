import type { z } from 'zod';
import { formatZodIssues, zodIssuePath } from '../../common/zod-issues.mapper';
import { WhmcsApiError, WhmcsSchemaError } from './whmcs.exception';

/** Issues shown in a {@link WhmcsSchemaError}'s message (all of them are in its `issues`). */
const SHOWN_ISSUES = 10;

function toSchemaError(error: z.ZodError): WhmcsSchemaError {
  const hidden = error.issues.length - SHOWN_ISSUES;
  const more = hidden > 0 ? `; ... and ${hidden} more` : '';
  return new WhmcsSchemaError(
    `unexpected WHMCS payload: ${formatZodIssues(error.issues, SHOWN_ISSUES)}${more}`,
    error.issues.map((issue) => ({ path: zodIssuePath(issue), message: issue.message })),
  );
}

/**
 * Checks a decoded WHMCS JSON answer and parses it with `schema`.
 * @throws {WhmcsApiError} when WHMCS answered `result: "error"` (message = the upstream `message`).
 * @throws {WhmcsSchemaError} when the payload is not an object or does not fit `schema` (readable summary).
 */
export function parseWhmcsResponse<S extends z.ZodType>(schema: S, json: unknown): z.output<S> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new WhmcsSchemaError('unexpected WHMCS payload: not a JSON object', [
      { path: '(root)', message: 'expected an object' },
    ]);
  }
  const record = json as Record<string, unknown>;
  const result = typeof record.result === 'string' ? record.result.toLowerCase() : undefined;
  if (result === 'error' || (result === undefined && record.status === 'error')) {
    const message =
      typeof record.message === 'string' && record.message.trim() !== ''
        ? record.message
        : 'Unknown WHMCS error';
    throw new WhmcsApiError(message, json);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw toSchemaError(parsed.error);
  return parsed.data;
}
