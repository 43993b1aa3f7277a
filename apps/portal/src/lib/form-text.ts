import { capitalize } from './format';

/** The text value of field `name` of a submitted form ('' when absent or a file). */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/**
 * The first issue of each of `fields`, as a sentence; issues about anything else are left out. An issue belongs to
 * the field its path names (`subject`, `body.subject`, `allowedEmailDomains.0`).
 */
export function fieldErrorsOf<F extends string>(
  fields: readonly F[],
  issues: readonly { path: string; message: string }[],
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
