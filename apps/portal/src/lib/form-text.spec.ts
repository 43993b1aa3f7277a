import { describe, expect, it } from '@jest/globals';
import { z } from 'zod';
import { fieldErrorsOf, formText, issuesOf } from './form-text';

describe('form-text', () => {
  it('reads a text field and treats a missing one as empty', () => {
    const form = new FormData();
    form.set('name', 'Ada');
    expect(formText(form, 'name')).toBe('Ada');
    expect(formText(form, 'missing')).toBe('');
  });

  it("gives a zod error's issues the dotted paths the BFF reports, with an optional prefix", () => {
    const parsed = z
      .object({ panels: z.array(z.object({ metric: z.string().min(1, 'pick a metric') })) })
      .safeParse({ panels: [{ metric: '' }] });
    expect(parsed.success).toBe(false);
    if (parsed.success) return;
    expect(issuesOf(parsed.error)).toEqual([{ path: 'panels.0.metric', message: 'pick a metric' }]);
    expect(issuesOf(parsed.error, ['body'])).toEqual([
      { path: 'body.panels.0.metric', message: 'pick a metric' },
    ]);
  });

  it('keeps the first issue of each named field, as a sentence, and leaves the rest out', () => {
    const errors = fieldErrorsOf(['name', 'password'] as const, [
      { path: 'body.password', message: 'too short' },
      { path: 'body.password', message: 'too common' },
      { path: 'body.token', message: 'expired' },
    ]);
    expect(errors).toEqual({ password: 'Too short' });
  });
});
