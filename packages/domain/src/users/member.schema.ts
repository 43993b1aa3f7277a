import { z } from 'zod';
import { isoTimestampSchema } from '../common/date-range.schema';
import { roleSchema } from './role.schema';

/** A person's membership of an account. */
export const memberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  joinedAt: isoTimestampSchema,
});
export type Member = z.infer<typeof memberSchema>;
