import { z } from 'zod';
import { isoTimestampSchema } from '../common/date-range.schema';
import { pageOf, pageQuerySchema } from '../common/pagination.schema';
import { readMetaSchema } from '../common/freshness.schema';

/** Support case status. Unknown CRM values become `unknown`. */
export const caseStatusSchema = z.enum([
  'new',
  'working',
  'waiting_on_customer',
  'escalated',
  'closed',
  'unknown',
]);
export type CaseStatus = z.infer<typeof caseStatusSchema>;

/** Support case priority. */
export const casePrioritySchema = z.enum(['low', 'medium', 'high', 'critical', 'unknown']);
export type CasePriority = z.infer<typeof casePrioritySchema>;

/** A support case. */
export const supportCaseSchema = z.object({
  id: z.string(),
  number: z.string(),
  subject: z.string(),
  description: z.string().nullable(),
  status: caseStatusSchema,
  priority: casePrioritySchema,
  isClosed: z.boolean(),
  origin: z.string().nullable(),
  contactName: z.string().nullable(),
  createdAt: isoTimestampSchema,
  updatedAt: isoTimestampSchema.nullable(),
  closedAt: isoTimestampSchema.nullable(),
});
export type SupportCase = z.infer<typeof supportCaseSchema>;

/** Case list filter: `open` (not closed), `closed` or `all`. */
export const caseListQuerySchema = pageQuerySchema.extend({
  state: z.enum(['all', 'open', 'closed']).default('all'),
});
export type CaseListQuery = z.infer<typeof caseListQuerySchema>;

/** `GET .../cases` response: one page and its freshness. */
export const casePageSchema = pageOf(supportCaseSchema).extend({ meta: readMetaSchema });
export type CasePage = z.infer<typeof casePageSchema>;

/** `POST .../cases` body. Priority `critical` is reserved for the support team. */
export const createCaseRequestSchema = z.object({
  subject: z.string().trim().min(3, 'subject must have at least 3 characters').max(255),
  description: z.string().trim().min(1, 'description is required').max(32_000),
  priority: z.enum(['low', 'medium', 'high']).default('medium'),
});
export type CreateCaseRequest = z.infer<typeof createCaseRequestSchema>;
