import { describe, expect, it } from '@jest/globals';
import { createCaseRequestSchema, fieldRuleSchema, passwordForgotRequestSchema } from '@portico/domain';
import { z } from 'zod';
import de from '@/messages/de.json';
import en from '@/messages/en.json';
import { fieldIssueOf, type FieldIssueKey } from './field-issue-text';

describe('fieldIssueOf', () => {
  it("names what a domain schema's issues say, with their bounds", () => {
    const parsed = createCaseRequestSchema.safeParse({ subject: 'ab', description: '', priority: 'urgent' });
    expect(parsed.success).toBe(false);
    const byField = Object.fromEntries(parsed.error!.issues.map((i) => [String(i.path[0]), fieldIssueOf(i)]));
    expect(byField).toEqual({
      subject: { key: 'tooShort', values: { minimum: 3 } },
      description: { key: 'required', values: {} },
      priority: { key: 'choice', values: {} },
    });
  });

  it('tells formats, missing values, long texts and number ranges apart', () => {
    const email = passwordForgotRequestSchema.safeParse({ email: 'not-an-email' });
    expect(fieldIssueOf(email.error!.issues[0]!).key).toBe('email');
    const schema = z.object({ name: z.string().max(5), size: z.number().min(2).max(9), site: z.url() });
    const issues = schema.safeParse({ name: 'toolong', size: 10, site: 'nope' }).error!.issues;
    expect(issues.map(fieldIssueOf)).toEqual([
      { key: 'tooLong', values: { maximum: 5 } },
      { key: 'tooBig', values: { maximum: 9 } },
      { key: 'url', values: {} },
    ]);
    expect(fieldIssueOf(schema.safeParse({}).error!.issues[0]!).key).toBe('required');
  });

  it('has every key worded in both languages', () => {
    // Every rule the domain names, so a rule added there without words here fails.
    const keys: readonly FieldIssueKey[] = fieldRuleSchema.options;
    for (const catalogue of [en, de])
      for (const key of keys)
        expect((catalogue.common.fieldIssue as Record<string, string>)[key]).toEqual(expect.any(String));
  });
});
