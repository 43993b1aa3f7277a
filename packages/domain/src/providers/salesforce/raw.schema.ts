import { z } from 'zod';
import { lenientArraySchema } from '../lenient-list.schema';

/*
 * Wire payloads of the Salesforce REST API (https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta):
 * query results, sObject records (each with `attributes { type, url }`, null for empty fields, one level of
 * parent relationship as a nested record or null) and error arrays.
 */

/** Converts a Salesforce date-time (`2026-01-05T10:00:00.000+0000`, `...Z`, `...+01:00`) to ISO 8601 UTC. */
export function sfDateTimeToIso(value: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)(Z|[+-]\d{2}:?\d{2})?$/.exec(value.trim());
  if (!m) return null;
  const [, local, zone] = m;
  let offset = 'Z';
  if (zone !== undefined && zone !== 'Z')
    offset = zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  const ms = Date.parse(`${local}${offset}`);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

/** A Salesforce date-time, parsed to ISO 8601 UTC; null stays null. */
export const sfDateTimeSchema = z.string().transform((v, ctx) => {
  const iso = sfDateTimeToIso(v);
  if (iso === null) {
    ctx.addIssue({
      code: 'custom',
      message: 'must be a Salesforce date-time (YYYY-MM-DDThh:mm:ss.sss+0000)',
    });
    return z.NEVER;
  }
  return iso;
});

/** `attributes` of every record: the sObject type and its REST URL. */
export const sfAttributesSchema = z.looseObject({ type: z.string(), url: z.string().optional() });

/** A text field that may be null or absent (not selected); both become null. */
const sfText = z
  .string()
  .nullish()
  .transform((v) => (v === undefined || v === null || v.trim() === '' ? null : v));

/** A parent record selected through one relationship level (e.g. `Contact.Name`): the record or null. */
const sfParentName = z
  .looseObject({ attributes: sfAttributesSchema.optional(), Name: z.string().nullish() })
  .nullish()
  .transform((v) => v?.Name ?? null);

/**
 * Query result page: `totalSize`, `done`, `nextRecordsUrl` (when `done` is false) and `records`. A malformed record
 * is skipped (see `skippedRecordsOf`), not fatal to the page.
 */
export function sfQueryResultSchema<T extends z.ZodType>(recordSchema: T) {
  return z.looseObject({
    totalSize: z.number().int().min(0),
    done: z.boolean(),
    nextRecordsUrl: z.string().optional(),
    records: lenientArraySchema(recordSchema),
  });
}

/** Salesforce error body: an array of `{ message, errorCode, fields? }`. */
export const sfErrorSchema = z.array(
  z.looseObject({ message: z.string(), errorCode: z.string(), fields: z.array(z.string()).optional() }),
);
export type SfErrorRaw = z.infer<typeof sfErrorSchema>;

/** `POST /sobjects/<type>` answer: `{ id, success, errors }`. */
export const sfCreateResultSchema = z.looseObject({
  id: z.string(),
  success: z.boolean(),
  errors: z.array(z.unknown()).default([]),
});
export type SfCreateResultRaw = z.infer<typeof sfCreateResultSchema>;

/** OAuth 2.0 token answer (client credentials flow): no `expires_in`, tokens last for the session timeout. */
export const sfTokenResponseSchema = z.looseObject({
  access_token: z.string().min(1),
  instance_url: z.url(),
  id: z.string().optional(),
  token_type: z.string().optional(),
  issued_at: z.string().optional(),
  signature: z.string().optional(),
  scope: z.string().optional(),
});
export type SfTokenResponseRaw = z.infer<typeof sfTokenResponseSchema>;

/** Fields selected for an Account (see {@link sfAccountRecordSchema}). */
export const SF_ACCOUNT_FIELDS = [
  'Id',
  'Name',
  'Type',
  'Industry',
  'Website',
  'Phone',
  'Owner.Name',
] as const;

/** An Account record as selected with {@link SF_ACCOUNT_FIELDS}. */
export const sfAccountRecordSchema = z.looseObject({
  attributes: sfAttributesSchema,
  Id: z.string(),
  Name: z.string(),
  Type: sfText,
  Industry: sfText,
  Website: sfText,
  Phone: sfText,
  Owner: sfParentName,
});
export type SfAccountRecordRaw = z.infer<typeof sfAccountRecordSchema>;

/** Fields selected for a Contact (see {@link sfContactRecordSchema}). */
export const SF_CONTACT_FIELDS = ['Id', 'Name', 'Email', 'Phone', 'Title', 'AccountId'] as const;

/** A Contact record as selected with {@link SF_CONTACT_FIELDS}. */
export const sfContactRecordSchema = z.looseObject({
  attributes: sfAttributesSchema,
  Id: z.string(),
  Name: z.string(),
  Email: sfText,
  Phone: sfText,
  Title: sfText,
  AccountId: sfText,
});
export type SfContactRecordRaw = z.infer<typeof sfContactRecordSchema>;

/** Fields selected for a Case (see {@link sfCaseRecordSchema}); `Contact.Name` is one relationship level. */
export const SF_CASE_FIELDS = [
  'Id',
  'CaseNumber',
  'Subject',
  'Description',
  'Status',
  'Priority',
  'IsClosed',
  'Origin',
  'AccountId',
  'Contact.Name',
  'CreatedDate',
  'LastModifiedDate',
  'ClosedDate',
] as const;

/** A Case record as selected with {@link SF_CASE_FIELDS}. */
export const sfCaseRecordSchema = z.looseObject({
  attributes: sfAttributesSchema,
  Id: z.string(),
  CaseNumber: z.union([z.string(), z.number()]).transform(String),
  Subject: sfText,
  Description: sfText,
  Status: sfText,
  Priority: sfText,
  IsClosed: z.boolean().nullish(),
  Origin: sfText,
  AccountId: sfText,
  Contact: sfParentName,
  CreatedDate: sfDateTimeSchema,
  LastModifiedDate: sfDateTimeSchema.nullish().transform((v) => v ?? null),
  ClosedDate: sfDateTimeSchema.nullish().transform((v) => v ?? null),
});
export type SfCaseRecordRaw = z.infer<typeof sfCaseRecordSchema>;

/** The Case sObject body Portico sends to `POST /sobjects/Case`. */
export interface SfCaseCreateBody {
  Subject: string;
  Description: string;
  Priority: 'Low' | 'Medium' | 'High';
  Origin: 'Web';
  Status: 'New';
  AccountId: string;
}

/**
 * Fields selected for a CaseComment (see {@link sfCaseCommentRecordSchema}); `CreatedBy.Name` and
 * `CreatedBy.UserType` are one relationship level (the author: a support agent, the integration user posting for
 * the customer, or a portal user).
 */
export const SF_CASE_COMMENT_FIELDS = [
  'Id',
  'ParentId',
  'CommentBody',
  'IsPublished',
  'CreatedById',
  'CreatedBy.Name',
  'CreatedBy.UserType',
  'CreatedDate',
] as const;

/** The author of a record selected through `CreatedBy` (null when not selected or not visible). */
const sfCreatedBy = z
  .looseObject({
    attributes: sfAttributesSchema.optional(),
    Name: z.string().nullish(),
    UserType: z.string().nullish(),
  })
  .nullish()
  .transform((v) =>
    v === undefined || v === null ? null : { name: v.Name ?? null, userType: v.UserType ?? null },
  );

/** A CaseComment record as selected with {@link SF_CASE_COMMENT_FIELDS}. `CommentBody` may be null (nillable). */
export const sfCaseCommentRecordSchema = z.looseObject({
  attributes: sfAttributesSchema,
  Id: z.string(),
  ParentId: z.string(),
  CommentBody: z
    .string()
    .nullish()
    .transform((v) => v ?? ''),
  IsPublished: z
    .boolean()
    .nullish()
    .transform((v) => v === true),
  CreatedById: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
  CreatedBy: sfCreatedBy,
  CreatedDate: sfDateTimeSchema,
});
export type SfCaseCommentRecordRaw = z.infer<typeof sfCaseCommentRecordSchema>;

/** The CaseComment sObject body Portico sends to `POST /sobjects/CaseComment`. */
export interface SfCaseCommentCreateBody {
  ParentId: string;
  CommentBody: string;
  IsPublished: true;
}

/** The Case fields Portico updates (`PATCH /sobjects/Case/<id>`): the status, to reopen a case or answer a wait. */
export interface SfCaseUpdateBody {
  Status: string;
}
