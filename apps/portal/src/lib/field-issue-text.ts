/** The parts of a zod issue the portal words in other languages than English. */
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

/** Catalogue keys (`common.fieldIssue.<key>`) for what a field's input breaks. */
export type FieldIssueKey =
  | 'required'
  | 'tooShort'
  | 'tooLong'
  | 'tooSmall'
  | 'tooBig'
  | 'email'
  | 'url'
  | 'format'
  | 'choice'
  | 'invalid';

/**
 * What a zod issue says, as a catalogue key and its values, for pages whose language is not the one the domain's
 * schemas write their messages in (English): an empty or missing text is `required`, a string's length
 * `tooShort`/`tooLong` with `{minimum}`/`{maximum}` characters, a number's range `tooSmall`/`tooBig`, an email or URL
 * format `email`/`url`, other formats `format`, an enum `choice`, anything else `invalid`.
 */
export function fieldIssueOf(issue: ZodIssueLike): { key: FieldIssueKey; values: Record<string, number> } {
  const minimum = Number(issue.minimum ?? 0);
  const maximum = Number(issue.maximum ?? 0);
  switch (issue.code) {
    case 'invalid_type':
      return { key: issue.input === undefined || issue.input === null ? 'required' : 'invalid', values: {} };
    case 'too_small':
      if (issue.origin === 'string')
        return minimum <= 1 ? { key: 'required', values: {} } : { key: 'tooShort', values: { minimum } };
      return issue.origin === 'number'
        ? { key: 'tooSmall', values: { minimum } }
        : { key: 'invalid', values: {} };
    case 'too_big':
      if (issue.origin === 'string') return { key: 'tooLong', values: { maximum } };
      return issue.origin === 'number'
        ? { key: 'tooBig', values: { maximum } }
        : { key: 'invalid', values: {} };
    case 'invalid_format':
      return {
        key: issue.format === 'email' ? 'email' : issue.format === 'url' ? 'url' : 'format',
        values: {},
      };
    case 'invalid_value':
      return { key: 'choice', values: {} };
    default:
      return { key: 'invalid', values: {} };
  }
}
