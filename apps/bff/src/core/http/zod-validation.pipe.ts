import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { FieldIssue } from '@portico/domain';
import type { z } from 'zod';
import { AppException } from './app.exception';

const LOCATION: Record<ArgumentMetadata['type'], string> = {
  body: 'body',
  query: 'query',
  param: 'params',
  custom: 'input',
};

/** Turns zod issues into `{ path: 'body.email', message }` entries, `prefix` naming the request part. */
export function zodIssuesToDetails(issues: readonly z.core.$ZodIssue[], prefix: string): FieldIssue[] {
  return issues.map((issue) => ({
    path: [prefix, ...issue.path.map((p) => String(p))].join('.'),
    message: issue.message,
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
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const prefix =
      metadata.type === 'param' && metadata.data ? `params.${metadata.data}` : LOCATION[metadata.type];
    throw AppException.validation(zodIssuesToDetails(result.error.issues, prefix));
  }
}
