import { z } from 'zod';
import { SALESFORCE_ID_PATTERN } from './soql.mapper';

const salesforceId = z.string().regex(SALESFORCE_ID_PATTERN, 'must be a Salesforce id');

/**
 * Body the Salesforce side posts to `POST /webhooks/salesforce` (signed with Standard Webhooks):
 * `{ event, occurredAt, sobject, recordId, accountId }`.
 * - `event`: e.g. `CaseChanged`.
 * - `occurredAt`: ISO 8601 time of the change.
 * - `sobject`: sObject type of the record (e.g. `Case`).
 * - `recordId`: 15 or 18 character Salesforce id of the record.
 * - `accountId`: the Account the record belongs to, null when it has none.
 */
export const sfWebhookSchema = z.object({
  event: z.string().min(1),
  occurredAt: z.iso.datetime({ offset: true }),
  sobject: z.string().min(1),
  recordId: salesforceId,
  accountId: salesforceId.nullable(),
});
/** A parsed Salesforce webhook. */
export type SfWebhook = z.infer<typeof sfWebhookSchema>;
