import type { CasePage, CaseListQuery, CreateCaseRequest, CrmAccount, SupportCase } from '@portico/domain';

/**
 * Port to the CRM (Salesforce today). Implementations map upstream records to domain types. Every method throws
 * `UpstreamException` when the CRM fails or times out.
 */
export abstract class CrmProvider {
  /** The CRM account record. */
  abstract getAccount(crmAccountId: string): Promise<CrmAccount>;
  /** One page of the account's cases, newest first, filtered by `query.state`. */
  abstract listCases(crmAccountId: string, query: CaseListQuery): Promise<CasePage>;
  /**
   * One case.
   * @returns null when the case does not exist or belongs to another account
   */
  abstract getCase(crmAccountId: string, caseId: string): Promise<SupportCase | null>;
  /** Opens a case on the account and returns it as stored. */
  abstract createCase(crmAccountId: string, req: CreateCaseRequest): Promise<SupportCase>;
  /** A cheap authenticated call proving the CRM answers. */
  abstract ping(): Promise<void>;
}
