import type {
  CaseComment,
  CasePage,
  CaseListQuery,
  CreateCaseRequest,
  CrmAccount,
  SupportCase,
} from '@portico/domain';

/** One page of cases as the CRM answers it (the route adds its freshness). */
export type CasePageData = Omit<CasePage, 'meta'>;

/**
 * Port to the CRM (Salesforce today). Implementations map upstream records to domain types. Every method throws
 * `UpstreamException` when the CRM fails or times out.
 */
export abstract class CrmProvider {
  /** The CRM account record. */
  abstract getAccount(crmAccountId: string): Promise<CrmAccount>;
  /** One page of the account's cases, newest first, filtered by `query.state`. */
  abstract listCases(crmAccountId: string, query: CaseListQuery): Promise<CasePageData>;
  /**
   * One case.
   * @returns null when the case does not exist or belongs to another account
   */
  abstract getCase(crmAccountId: string, caseId: string): Promise<SupportCase | null>;
  /**
   * Opens a case on the account and returns it as stored.
   * @param requestKey identifies this request: sent again with the same key, the call answers the case the first
   *   call opened instead of opening another (default: a fresh key, no such protection)
   */
  abstract createCase(
    crmAccountId: string,
    req: CreateCaseRequest,
    requestKey?: string,
  ): Promise<SupportCase>;
  /**
   * The public comments of one of the account's cases, oldest first.
   * @param postedByMembers comments posted through Portico (comment id -> member name)
   * @returns null when the case does not exist or belongs to another account
   */
  abstract listCaseComments(
    crmAccountId: string,
    caseId: string,
    postedByMembers: ReadonlyMap<string, string>,
  ): Promise<CaseComment[] | null>;
  /** Adds a public comment to a case (the caller has checked it is the account's); returns the new comment's id. */
  abstract addCaseComment(caseId: string, body: string): Promise<string>;
  /** Sets a case's status (e.g. reopening it). */
  abstract setCaseStatus(caseId: string, status: string): Promise<void>;
  /** The case a comment belongs to, null when the comment does not exist. */
  abstract getCommentCaseId(commentId: string): Promise<string | null>;
  /** Per case of the account: the number of public comments and the newest one's id (to notice new comments). */
  abstract commentStamps(crmAccountId: string): Promise<Record<string, string>>;
  /** A cheap authenticated call proving the CRM answers. */
  abstract ping(): Promise<void>;
}
