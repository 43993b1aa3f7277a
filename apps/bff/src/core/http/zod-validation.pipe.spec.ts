import { loginRequestSchema, usageQuerySchema } from '@portico/domain';
import { z } from 'zod';
import { AppException } from './app.exception';
import { ZodValidationPipe } from './zod-validation.pipe';

function failure(fn: () => unknown): AppException {
  try {
    fn();
  } catch (err) {
    if (err instanceof AppException) return err;
    throw err;
  }
  throw new Error('expected a validation failure');
}

describe('ZodValidationPipe', () => {
  it('returns the parsed value', () => {
    const pipe = new ZodValidationPipe(z.object({ n: z.coerce.number() }));
    expect(pipe.transform({ n: '5' }, { type: 'query' })).toEqual({ n: 5 });
  });

  it('throws 400 validation_failed with dotted paths per request part', () => {
    const err = failure(() =>
      new ZodValidationPipe(loginRequestSchema).transform({ email: 'nope' }, { type: 'body' }),
    );
    expect(err.status).toBe(400);
    expect(err.code).toBe('validation_failed');
    expect(err.details?.map((d) => d.path).sort()).toEqual(['body.email', 'body.password']);
  });

  it('names the rule each field breaks, with its bound, for clients that word it in their language', () => {
    const schema = z.object({
      subject: z.string().min(3),
      size: z.number().max(9),
      email: z.email(),
      n: z.number(),
    });
    const err = failure(() =>
      new ZodValidationPipe(schema).transform(
        { subject: 'ab', size: 10, email: 'x', n: 'four' },
        { type: 'body' },
      ),
    );
    expect(err.details?.map(({ path, rule, limit }) => ({ path, rule, limit }))).toEqual([
      { path: 'body.subject', rule: 'tooShort', limit: 3 },
      { path: 'body.size', rule: 'tooBig', limit: 9 },
      { path: 'body.email', rule: 'email', limit: undefined },
      { path: 'body.n', rule: 'invalid', limit: undefined },
    ]);
    // The input is read to tell a wrong type from a missing one, and never sent back.
    expect(JSON.stringify(err.details)).not.toContain('four');
    const missing = failure(() => new ZodValidationPipe(schema).transform({}, { type: 'body' }));
    expect(missing.details?.every((d) => d.rule === 'required')).toBe(true);
  });

  it('reports refinements on their path (query.from for from >= to)', () => {
    const err = failure(() =>
      new ZodValidationPipe(usageQuerySchema).transform(
        { metric: 'disk', from: '2026-01-02T00:00:00Z', to: '2026-01-01T00:00:00Z' },
        { type: 'query' },
      ),
    );
    expect(err.details).toEqual([{ path: 'query.from', message: 'from must be before to', rule: 'invalid' }]);
  });

  it('names the parameter for @Param pipes', () => {
    const err = failure(() =>
      new ZodValidationPipe(z.uuid()).transform('x', { type: 'param', data: 'accountId' }),
    );
    expect(err.details?.[0]?.path).toBe('params.accountId');
  });
});
