import type { z } from 'zod';

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
