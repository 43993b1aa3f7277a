import type { CaseComment } from '../../support/case-comment.schema';
import type { SfCaseCommentCreateBody, SfCaseCommentRecordRaw } from './raw.schema';
import { sameSalesforceId } from './webhook.schema';

/**
 * `User.UserType` values of external (customer) users: Customer Portal, partner and Experience Cloud users. Comments
 * by them are the customer's; `Standard` users are the support team.
 */
const CUSTOMER_USER_TYPES: ReadonlySet<string> = new Set([
  'PowerCustomerSuccess',
  'CustomerSuccess',
  'CspLitePortal',
  'PowerPartner',
  'Guest',
]);

/** What tells a customer's comment from support's, besides the author's user type. */
export interface CaseCommentContext {
  /** The integration user Portico posts as (from the OAuth identity URL); its comments are the customer's. */
  integrationUserId: string | null;
  /** Comments posted through Portico, with the member's name (comment id -> name). */
  postedByMembers: ReadonlyMap<string, string>;
}

/**
 * Maps a CaseComment.
 * - `id` <- `Id`; `body` <- `CommentBody` (`""` when null); `createdAt` <- `CreatedDate` (ISO UTC)
 * - `authorType`: `customer` when Portico posted it (listed in `postedByMembers`), when `CreatedById` is the
 *   integration user, or when `CreatedBy.UserType` is an external user type; `support` otherwise
 * - `authorName`: the member's name for comments posted through Portico; `CreatedBy.Name` for support and portal
 *   users; null for other comments of the integration user
 */
export function toCaseComment(raw: SfCaseCommentRecordRaw, context: CaseCommentContext): CaseComment {
  const member = context.postedByMembers.get(raw.Id);
  const byIntegration =
    raw.CreatedById !== null &&
    context.integrationUserId !== null &&
    sameSalesforceId(raw.CreatedById, context.integrationUserId);
  const external =
    raw.CreatedBy?.userType !== null &&
    raw.CreatedBy?.userType !== undefined &&
    CUSTOMER_USER_TYPES.has(raw.CreatedBy.userType);
  const customer = member !== undefined || byIntegration || external;
  return {
    id: raw.Id,
    body: raw.CommentBody,
    authorType: customer ? 'customer' : 'support',
    authorName: member ?? (byIntegration ? null : (raw.CreatedBy?.name ?? null)),
    createdAt: raw.CreatedDate,
  };
}

/** The published comment body: `ParentId` <- the case, `CommentBody` <- the text, `IsPublished` true. */
export function toSalesforceCaseCommentCreate(caseId: string, body: string): SfCaseCommentCreateBody {
  return { ParentId: caseId, CommentBody: body, IsPublished: true };
}

/**
 * The user id of an OAuth identity URL (`https://login.salesforce.com/id/<orgId>/<userId>`, the token answer's
 * `id`); null when it is not one.
 */
export function userIdOfIdentityUrl(identityUrl: string | undefined): string | null {
  if (identityUrl === undefined) return null;
  const m = /\/id\/00D[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?\/(005[a-zA-Z0-9]{12}(?:[a-zA-Z0-9]{3})?)\/?$/.exec(
    identityUrl,
  );
  return m?.[1] ?? null;
}
