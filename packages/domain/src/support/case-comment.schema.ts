import { z } from 'zod';
import { isoTimestampSchema } from '../common/date-range.schema';
import { readMetaSchema } from '../common/freshness.schema';
import { supportCaseSchema } from './case.schema';

/** Who wrote a comment: the customer (any member, through Portico or the CRM's portal) or the support team. */
export const commentAuthorTypeSchema = z.enum(['customer', 'support']);
export type CommentAuthorType = z.infer<typeof commentAuthorTypeSchema>;

/** One public comment of a case (Salesforce `CaseComment` with `IsPublished = true`). */
export const caseCommentSchema = z.object({
  id: z.string(),
  body: z.string(),
  authorType: commentAuthorTypeSchema,
  /** The member who wrote it through Portico, or the support agent; null when unknown. */
  authorName: z.string().nullable(),
  createdAt: isoTimestampSchema,
});
export type CaseComment = z.infer<typeof caseCommentSchema>;

/** `GET .../cases/:caseId/comments` response: public comments, oldest first (newest last), and freshness. */
export const caseCommentListSchema = z.object({ items: z.array(caseCommentSchema), meta: readMetaSchema });
export type CaseCommentList = z.infer<typeof caseCommentListSchema>;

/** Salesforce's limit on `CaseComment.CommentBody`: 4,000 bytes (UTF-8). */
export const CASE_COMMENT_MAX_BYTES = 4000;

/** Bytes of `text` in UTF-8 (a lone surrogate counts 3, as its replacement character). */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0) ?? 0;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

/** `POST .../cases/:caseId/comments` body: 1 to {@link CASE_COMMENT_MAX_BYTES} bytes of text after trimming. */
export const createCaseCommentRequestSchema = z.object({
  body: z
    .string()
    .trim()
    .min(1, 'write a reply first')
    .refine((v) => utf8ByteLength(v) <= CASE_COMMENT_MAX_BYTES, {
      message: `at most ${CASE_COMMENT_MAX_BYTES} bytes (about ${CASE_COMMENT_MAX_BYTES} letters, fewer with accents or emoji)`,
    }),
});
export type CreateCaseCommentRequest = z.infer<typeof createCaseCommentRequestSchema>;

/**
 * Whether the customer can reply: always while the case is open; once support closed it, until `reopenableUntil`
 * (the case reopens on the reply), never after (open a new case instead).
 */
export const caseReplyPolicySchema = z.object({
  canReply: z.boolean(),
  /** A reply reopens the case (it is closed and within the reopen window). */
  reopensOnReply: z.boolean(),
  /** End of the reopen window of a closed case; null while open or when closed cases cannot be reopened. */
  reopenableUntil: isoTimestampSchema.nullable(),
});
export type CaseReplyPolicy = z.infer<typeof caseReplyPolicySchema>;

/** `GET .../cases/:caseId` response: the case, whether the customer may reply, and freshness. */
export const caseDetailSchema = supportCaseSchema.extend({
  reply: caseReplyPolicySchema,
  meta: readMetaSchema,
});
export type CaseDetail = z.infer<typeof caseDetailSchema>;

/** `POST .../cases/:caseId/comments` response: the stored comment and whether the case was reopened. */
export const createdCaseCommentSchema = z.object({ comment: caseCommentSchema, reopened: z.boolean() });
export type CreatedCaseComment = z.infer<typeof createdCaseCommentSchema>;
