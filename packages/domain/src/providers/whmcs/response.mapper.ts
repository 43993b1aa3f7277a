import type { z } from 'zod';
import { WhmcsApiError, WhmcsSchemaError } from './whmcs.exception';

function summarise(error: z.ZodError): { summary: string; issues: Array<{ path: string; message: string }> } {
  const issues = error.issues.map((issue) => ({
    path: issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)',
    message: issue.message,
  }));
  const shown = issues.slice(0, 10).map((i) => `${i.path}: ${i.message}`);
  if (issues.length > shown.length) shown.push(`... and ${issues.length - shown.length} more`);
  return { summary: `unexpected WHMCS payload: ${shown.join('; ')}`, issues };
}

/**
 * Checks a decoded WHMCS JSON answer and parses it with `schema`.
 * @throws {WhmcsApiError} when WHMCS answered `result: "error"` (message = the upstream `message`).
 * @throws {WhmcsSchemaError} when the payload is not an object or does not fit `schema` (readable summary).
 */
export function parseWhmcsResponse<S extends z.ZodType>(schema: S, json: unknown): z.output<S> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new WhmcsSchemaError('unexpected WHMCS payload: not a JSON object', [{ path: '(root)', message: 'expected an object' }]);
  }
  const record = json as Record<string, unknown>;
  const result = typeof record.result === 'string' ? record.result.toLowerCase() : undefined;
  if (result === 'error' || (result === undefined && record.status === 'error')) {
    const message = typeof record.message === 'string' && record.message.trim() !== '' ? record.message : 'Unknown WHMCS error';
    throw new WhmcsApiError(message, json);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const { summary, issues } = summarise(parsed.error);
    throw new WhmcsSchemaError(summary, issues);
  }
  return parsed.data;
}
