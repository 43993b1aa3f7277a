import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { fieldRuleOf, type FieldIssue } from '@portico/domain';
import type { z } from 'zod';
import { AppException } from './app.exception';

const LOCATION: Record<ArgumentMetadata['type'], string> = {
  body: 'body',
  query: 'query',
  param: 'params',
  custom: 'input',
};

/**
 * Turns zod issues into `{ path: 'body.email', message, rule, limit? }` entries (see the domain's `fieldRuleOf`), so
 * a client words them in its own language; `prefix` names the request part. The input values zod reports are not
 * copied.
 */
export function zodIssuesToDetails(issues: readonly z.core.$ZodIssue[], prefix: string): FieldIssue[] {
  return issues.map((issue) => ({
    path: [prefix, ...issue.path.map((p) => String(p))].join('.'),
    message: issue.message,
    ...fieldRuleOf(issue),
  }));
}

/**
 * Parses a body, query or route parameter with a zod schema: `@Body(new ZodValidationPipe(loginRequestSchema))`.
 * Returns the parsed (typed, defaulted) value.
 * @throws AppException 400 `validation_failed` with one detail per issue.
 */
@Injectable()
export class ZodValidationPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown, metadata: ArgumentMetadata): z.output<S> {
    // The input of each issue tells a wrong type from a missing value (fieldRuleOf); it never leaves this method.
    const result = this.schema.safeParse(value, { reportInput: true });
    if (result.success) return result.data;
    const prefix =
      metadata.type === 'param' && metadata.data ? `params.${metadata.data}` : LOCATION[metadata.type];
    throw AppException.validation(zodIssuesToDetails(result.error.issues, prefix));
  }
}
