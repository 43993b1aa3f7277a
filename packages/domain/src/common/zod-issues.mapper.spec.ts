import { z } from 'zod';
import { formatZodIssues, zodIssuePath } from './zod-issues.mapper';

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
