import { capitalize } from './format';

/** The text value of field `name` of a submitted form ('' when absent or a file). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** One failing field, as the BFF's `details` and {@link issuesOf} give it: `path` is dotted (`body.subject`). */
export interface FieldIssueText {
  path: string;
  message: string;
}

/**
 * A zod error's issues as {@link FieldIssueText}s (what the BFF sends in `details`), so a form checks its input in
 * the browser and maps the BFF's answer with the same helper.
 * @param prefix path segments put in front (`body`)
 * @param word each issue's text (default: its own message)
 */
export function issuesOf<I extends { path: readonly PropertyKey[]; message: string }>(
  error: { issues: readonly I[] },
  prefix: readonly string[] = [],
  word: (issue: I) => string = (issue) => issue.message,
): FieldIssueText[] {
  return error.issues.map((i) => ({
    path: [...prefix, ...i.path.map(String)].join('.'),
    message: word(i),
  }));
}

/**
 * The first issue of each of `fields`, as a sentence; issues about anything else are left out. An issue belongs to
 * the field its path names (`subject`, `body.subject`, `allowedEmailDomains.0`).
 */
export function fieldErrorsOf<F extends string>(
  fields: readonly F[],
  issues: readonly FieldIssueText[],
): Partial<Record<F, string>> {
  const errors: Partial<Record<F, string>> = {};
  for (const issue of issues) {
    const field = issue.path
      .split('.')
      .find((part): part is F => (fields as readonly string[]).includes(part));
    if (field && !errors[field]) errors[field] = capitalize(issue.message);
  }
  return errors;
}
