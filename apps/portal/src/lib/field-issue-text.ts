import { fieldRuleOf, type FieldRule, type ZodIssueLike } from '@portico/domain';

export type { ZodIssueLike };

/** Catalogue keys (`common.fieldIssue.<key>`) for what a field's input breaks: the domain's {@link FieldRule}s. */
export type FieldIssueKey = FieldRule;

/** Catalogue values of a rule's bound: `{minimum}` for `tooShort`/`tooSmall`, `{maximum}` for `tooLong`/`tooBig`. */
export function fieldIssueValues(rule: FieldRule, limit: number | undefined): Record<string, number> {
  if (limit === undefined) return {};
  if (rule === 'tooShort' || rule === 'tooSmall') return { minimum: limit };
  if (rule === 'tooLong' || rule === 'tooBig') return { maximum: limit };
  return {};
}

/**
 * What a zod issue says, as a catalogue key and its values, for pages whose language is not the one the domain's
 * schemas write their messages in (English): the domain's `fieldRuleOf` (an empty or missing text is `required`, a
 * string's length `tooShort`/`tooLong` with `{minimum}`/`{maximum}` characters, a number's range
 * `tooSmall`/`tooBig`, `email`/`url`/`format`, an enum `choice`, anything else `invalid`).
 */
export function fieldIssueOf(issue: ZodIssueLike): { key: FieldIssueKey; values: Record<string, number> } {
  const { rule, limit } = fieldRuleOf(issue);
  return { key: rule, values: fieldIssueValues(rule, limit) };
}
