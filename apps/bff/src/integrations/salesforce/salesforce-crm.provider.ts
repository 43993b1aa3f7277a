import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { CaseComment, CaseListQuery, CreateCaseRequest, CrmAccount, SupportCase } from '@portico/domain';
import {
  SF_ACCOUNT_FIELDS,
  SF_CASE_COMMENT_FIELDS,
  SF_CASE_FIELDS,
  sfAccountRecordSchema,
  sfCaseCommentRecordSchema,
  sfCaseRecordSchema,
  soqlQuote,
  toCaseComment,
  toCrmAccount,
  toSalesforceCaseCommentCreate,
  toSalesforceCaseCreate,
  toSupportCase,
} from '@portico/domain/providers/salesforce';
import { z } from 'zod';
import { CrmProvider, type CasePageData } from '../../modules/support/crm.provider';
import { SalesforceClient } from './salesforce.client';
import { SalesforceException } from './salesforce.exception';

/** Most cases read for one list (pages are cut in memory). */
const MAX_CASES = 2000;
/**
 * Custom External ID field on Case (Text(36), External ID, Unique) holding the key of the Portico request that
 * opened the case. Create it in the org before enabling Portico: new cases are upserted on it.
 */
export const CASE_REQUEST_ID_FIELD = 'Portico_Request_Id__c';

const idRecordSchema = z.looseObject({ Id: z.string() });
const caseOwnerSchema = z.looseObject({ Id: z.string(), AccountId: z.string().nullish() });
const commentParentSchema = z.looseObject({ Id: z.string(), ParentId: z.string() });

/** Most comments read for one case. */
const MAX_COMMENTS = 2000;

function selectList(fields: string | readonly string[]): string {
  return typeof fields === 'string' ? fields : fields.join(', ');
}

/** Compares Salesforce ids, a 15-character id matching the first 15 characters of its 18-character form. */
export function sameSalesforceId(a: string | null, b: string): boolean {
  if (a === null) return false;
  if (a.length === b.length) return a.length === 18 ? a.toLowerCase() === b.toLowerCase() : a === b;
  return a.slice(0, 15) === b.slice(0, 15);
}

/** SOQL `WHERE` of an account's cases in a state. */
export function caseFilter(crmAccountId: string, state: CaseListQuery['state']): string {
  const base = `AccountId = ${soqlQuote(crmAccountId)}`;
  if (state === 'open') return `${base} AND IsClosed = false`;
  if (state === 'closed') return `${base} AND IsClosed = true`;
  return base;
}

/** {@link CrmProvider} backed by the Salesforce REST API; records are mapped by `@portico/domain/providers/salesforce`. */
@Injectable()
export class SalesforceCrmProvider extends CrmProvider {
  constructor(private readonly sf: SalesforceClient) {
    super();
  }

  /** `SELECT <SF_ACCOUNT_FIELDS> FROM Account WHERE Id = ...`. */
  async getAccount(crmAccountId: string): Promise<CrmAccount> {
    const soql = `SELECT ${selectList(SF_ACCOUNT_FIELDS)} FROM Account WHERE Id = ${soqlQuote(crmAccountId)} LIMIT 1`;
    const { records } = await this.sf.queryAll(soql, sfAccountRecordSchema, 1);
    const record = records[0];
    if (record === undefined) throw new SalesforceException('rejected', 'get Account', 'account not found');
    return toCrmAccount(record);
  }

  /** The account's cases in `query.state`, newest first (`ORDER BY CreatedDate DESC`), paged in memory. */
  async listCases(crmAccountId: string, query: CaseListQuery): Promise<CasePageData> {
    const soql =
      `SELECT ${selectList(SF_CASE_FIELDS)} FROM Case WHERE ${caseFilter(crmAccountId, query.state)} ` +
      'ORDER BY CreatedDate DESC';
    const { records, totalSize } = await this.sf.queryAll(soql, sfCaseRecordSchema, MAX_CASES);
    const start = (query.page - 1) * query.pageSize;
    return {
      items: records.slice(start, start + query.pageSize).map((r) => toSupportCase(r)),
      page: { page: query.page, pageSize: query.pageSize, total: Math.max(totalSize, records.length) },
    };
  }

  /** The case when it exists and its `AccountId` is the account's; null otherwise. */
  async getCase(crmAccountId: string, caseId: string): Promise<SupportCase | null> {
    const soql =
      `SELECT ${selectList(SF_CASE_FIELDS)} FROM Case ` +
      `WHERE Id = ${soqlQuote(caseId)} AND AccountId = ${soqlQuote(crmAccountId)} LIMIT 1`;
    const { records } = await this.sf.queryAll(soql, sfCaseRecordSchema, 1);
    const record = records[0];
    // The WHERE clause already scopes by account; the check keeps that guarantee independent of the query.
    if (record === undefined || !sameSalesforceId(record.AccountId, crmAccountId)) return null;
    return toSupportCase(record);
  }

  /**
   * Upserts the mapped request on the Case External ID field {@link CASE_REQUEST_ID_FIELD} with `requestKey`
   * (`PATCH /sobjects/Case/Portico_Request_Id__c/<requestKey>`), then reads the stored case back. The same key
   * always lands on the same case: a create retried after a lost answer never opens a second one.
   */
  async createCase(
    crmAccountId: string,
    req: CreateCaseRequest,
    requestKey: string = randomUUID(),
  ): Promise<SupportCase> {
    const upserted = await this.sf.upsert(
      'Case',
      CASE_REQUEST_ID_FIELD,
      requestKey,
      toSalesforceCaseCreate(req, { accountId: crmAccountId }),
    );
    const id = upserted ?? (await this.caseIdByRequestKey(crmAccountId, requestKey));
    if (id === null)
      throw new SalesforceException('bad_response', 'create Case', 'upserted case could not be found');
    const created = await this.getCase(crmAccountId, id);
    if (created === null)
      throw new SalesforceException('bad_response', 'create Case', 'created case could not be read back');
    return created;
  }

  /** The id of the account's case whose {@link CASE_REQUEST_ID_FIELD} is `requestKey`, or null. */
  private async caseIdByRequestKey(crmAccountId: string, requestKey: string): Promise<string | null> {
    const soql = `SELECT Id, AccountId FROM Case WHERE ${CASE_REQUEST_ID_FIELD} = ${soqlQuote(requestKey)} AND AccountId = ${soqlQuote(crmAccountId)} LIMIT 1`;
    const { records } = await this.sf.queryAll(soql, caseOwnerSchema, 1);
    return records[0]?.Id ?? null;
  }

  /**
   * `SELECT <SF_CASE_COMMENT_FIELDS> FROM CaseComment WHERE ParentId = ... AND IsPublished = true ORDER BY
   * CreatedDate ASC`, after checking the case is the account's (null otherwise). Internal notes are never read.
   */
  async listCaseComments(
    crmAccountId: string,
    caseId: string,
    postedByMembers: ReadonlyMap<string, string>,
  ): Promise<CaseComment[] | null> {
    const owner = await this.sf.queryAll(
      `SELECT Id, AccountId FROM Case WHERE Id = ${soqlQuote(caseId)} AND AccountId = ${soqlQuote(crmAccountId)} LIMIT 1`,
      caseOwnerSchema,
      1,
    );
    const found = owner.records[0];
    if (found === undefined || !sameSalesforceId(found.AccountId ?? null, crmAccountId)) return null;
    const soql =
      `SELECT ${selectList(SF_CASE_COMMENT_FIELDS)} FROM CaseComment ` +
      `WHERE ParentId = ${soqlQuote(found.Id)} AND IsPublished = true ORDER BY CreatedDate ASC`;
    const { records } = await this.sf.queryAll(soql, sfCaseCommentRecordSchema, MAX_COMMENTS);
    const context = { integrationUserId: this.sf.integrationUserId, postedByMembers };
    return records.filter((r) => r.IsPublished).map((r) => toCaseComment(r, context));
  }

  /** `POST /sobjects/CaseComment` (published), as the integration user. */
  async addCaseComment(caseId: string, body: string): Promise<string> {
    return this.sf.create('CaseComment', toSalesforceCaseCommentCreate(caseId, body));
  }

  /** `PATCH /sobjects/Case/<id>` with `Status`. */
  async setCaseStatus(caseId: string, status: string): Promise<void> {
    await this.sf.update('Case', caseId, { Status: status });
  }

  /** `SELECT Id, ParentId FROM CaseComment WHERE Id = ...`. */
  async getCommentCaseId(commentId: string): Promise<string | null> {
    const { records } = await this.sf.queryAll(
      `SELECT Id, ParentId FROM CaseComment WHERE Id = ${soqlQuote(commentId)} LIMIT 1`,
      commentParentSchema,
      1,
    );
    return records[0]?.ParentId ?? null;
  }

  /**
   * One query over the account's public comments (`Parent.AccountId`), newest first: per case, `<count>:<newest id>`.
   * Reconciliation compares these to notice comments a lost webhook did not announce.
   */
  async commentStamps(crmAccountId: string): Promise<Record<string, string>> {
    const soql =
      'SELECT Id, ParentId FROM CaseComment ' +
      `WHERE Parent.AccountId = ${soqlQuote(crmAccountId)} AND IsPublished = true ORDER BY CreatedDate DESC`;
    const { records } = await this.sf.queryAll(soql, commentParentSchema, MAX_CASES);
    const stamps: Record<string, { count: number; newest: string }> = {};
    for (const r of records) {
      const entry = (stamps[r.ParentId] ??= { count: 0, newest: r.Id });
      entry.count += 1;
    }
    return Object.fromEntries(Object.entries(stamps).map(([id, s]) => [id, `${s.count}:${s.newest}`]));
  }

  /** `SELECT Id FROM Account LIMIT 1`: authenticates and queries. */
  async ping(): Promise<void> {
    await this.sf.queryAll('SELECT Id FROM Account LIMIT 1', idRecordSchema, 1);
  }
}
