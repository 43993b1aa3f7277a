import type { z } from 'zod';
import type { FieldRule } from './api-error.schema';

/** Dotted path of a zod issue (`invoices.0.total`), or `emptyPath` when the issue is about the value itself. */
export function zodIssuePath(issue: z.core.$ZodIssue, emptyPath = '(root)'): string {
  return issue.path.map(String).join('.') || emptyPath;
}

/**
 * The first `max` zod issues as one line, `path: message; path: message` (see {@link zodIssuePath}). Holds no
 * input values, so it is safe to log.
 */
export function formatZodIssues(
  issues: readonly z.core.$ZodIssue[],
  max: number,
  emptyPath = '(root)',
): string {
  return issues
    .slice(0, max)
    .map((issue) => `${zodIssuePath(issue, emptyPath)}: ${issue.message}`)
    .join('; ');
}

/** The parts of a zod issue {@link fieldRuleOf} reads (a zod 4 issue, or one sent on as plain data). */
export interface ZodIssueLike {
  code: string;
  path: readonly PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  input?: unknown;
}

/**
 * What a zod issue says, as a {@link FieldRule} and its bound: a missing value (`invalid_type` of undefined or null;
 * zod gives the input only when parsed with `reportInput`, and without it every `invalid_type` counts as missing)
 * or an empty text (`too_small` of a string with minimum 1) is `required`; a string's length `tooShort`/`tooLong`
 * with `limit` in characters; a number's range `tooSmall`/`tooBig` with `limit`; an email or URL format
 * `email`/`url`, other formats `format`; an enum or literal `choice`; anything else (`custom` refinements,
 * wrong types, array sizes) `invalid`.
 */
export function fieldRuleOf(issue: ZodIssueLike): { rule: FieldRule; limit?: number } {
  const minimum = Number(issue.minimum ?? 0);
  const maximum = Number(issue.maximum ?? 0);
  switch (issue.code) {
    case 'invalid_type':
      return { rule: issue.input === undefined || issue.input === null ? 'required' : 'invalid' };
    case 'too_small':
      if (issue.origin === 'string')
        return minimum <= 1 ? { rule: 'required' } : { rule: 'tooShort', limit: minimum };
      return issue.origin === 'number' ? { rule: 'tooSmall', limit: minimum } : { rule: 'invalid' };
    case 'too_big':
      if (issue.origin === 'string') return { rule: 'tooLong', limit: maximum };
      return issue.origin === 'number' ? { rule: 'tooBig', limit: maximum } : { rule: 'invalid' };
    case 'invalid_format':
      return { rule: issue.format === 'email' ? 'email' : issue.format === 'url' ? 'url' : 'format' };
    case 'invalid_value':
      return { rule: 'choice' };
    default:
      return { rule: 'invalid' };
  }
}
