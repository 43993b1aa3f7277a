import { z } from 'zod';
import { createCaseRequestSchema } from '../support/case.schema';
import { passwordForgotRequestSchema } from '../auth/security.schema';
import { fieldIssueSchema } from './api-error.schema';
import { fieldRuleOf, formatZodIssues, zodIssuePath } from './zod-issues.mapper';

const schema = z.object({ id: z.string(), lines: z.array(z.object({ amount: z.number() })) });

describe('formatZodIssues', () => {
  it('joins the first issues as path: message, with dotted paths', () => {
    const { error } = schema.safeParse({ id: 1, lines: [{ amount: 'x' }] });
    const issues = error?.issues ?? [];
    expect(issues).toHaveLength(2);
    expect(formatZodIssues(issues, 5)).toBe(
      `id: ${issues[0]?.message}; lines.0.amount: ${issues[1]?.message}`,
    );
    expect(formatZodIssues(issues, 1)).toBe(`id: ${issues[0]?.message}`);
  });

  it('names an issue about the value itself with the empty-path label', () => {
    const issue = z.string().safeParse(1).error?.issues[0];
    expect(issue && zodIssuePath(issue)).toBe('(root)');
    expect(issue && zodIssuePath(issue, '(record)')).toBe('(record)');
    expect(formatZodIssues(issue ? [issue] : [], 3, '(record)')).toMatch(/^\(record\): /);
  });
});

describe('fieldRuleOf', () => {
  it("names what a domain schema's issues break, with their bounds", () => {
    const parsed = createCaseRequestSchema.safeParse({ subject: 'ab', description: '', priority: 'urgent' });
    const byField = Object.fromEntries(
      (parsed.error?.issues ?? []).map((i) => [String(i.path[0]), fieldRuleOf(i)]),
    );
    expect(byField).toEqual({
      subject: { rule: 'tooShort', limit: 3 },
      description: { rule: 'required' },
      priority: { rule: 'choice' },
    });
  });

  it('tells formats, missing values, long texts, number ranges and refinements apart', () => {
    const email = passwordForgotRequestSchema.safeParse({ email: 'not-an-email' });
    expect(email.error && fieldRuleOf(email.error.issues[0]!)).toEqual({ rule: 'email' });
    const shape = z.object({ name: z.string().max(5), size: z.number().min(2).max(9), site: z.url() });
    const issues = shape.safeParse({ name: 'toolong', size: 10, site: 'nope' }).error?.issues ?? [];
    expect(issues.map(fieldRuleOf)).toEqual([
      { rule: 'tooLong', limit: 5 },
      { rule: 'tooBig', limit: 9 },
      { rule: 'url' },
    ]);
    expect(fieldRuleOf(shape.safeParse({}).error!.issues[0]!)).toEqual({ rule: 'required' });
    expect(fieldRuleOf(z.number().min(2).safeParse(1).error!.issues[0]!)).toEqual({
      rule: 'tooSmall',
      limit: 2,
    });
    // A wrong type is told from a missing value only when the issue carries its input (zod's reportInput).
    expect(fieldRuleOf(z.string().safeParse(4, { reportInput: true }).error!.issues[0]!)).toEqual({
      rule: 'invalid',
    });
    expect(fieldRuleOf(z.string().safeParse(undefined, { reportInput: true }).error!.issues[0]!)).toEqual({
      rule: 'required',
    });
    const ordered = z
      .object({ from: z.number(), to: z.number() })
      .refine((r) => r.from < r.to, { message: 'from must be before to' });
    expect(fieldRuleOf(ordered.safeParse({ from: 2, to: 1 }).error!.issues[0]!)).toEqual({ rule: 'invalid' });
  });
});

describe('fieldIssueSchema', () => {
  it('keeps a known rule and drops one a newer server may send, without failing the error body', () => {
    expect(
      fieldIssueSchema.parse({ path: 'body.subject', message: 'Too short', rule: 'tooShort', limit: 3 }),
    ).toEqual({ path: 'body.subject', message: 'Too short', rule: 'tooShort', limit: 3 });
    expect(fieldIssueSchema.parse({ path: 'body.x', message: 'm', rule: 'palindrome', limit: 'x' })).toEqual({
      path: 'body.x',
      message: 'm',
      rule: undefined,
      limit: undefined,
    });
  });
});
