import { Injectable } from '@nestjs/common';
import type { CaseListQuery, CasePage, CreateCaseRequest, CrmAccount, SupportCase } from '@portico/domain';
import {
  SF_ACCOUNT_FIELDS,
  SF_CASE_FIELDS,
  sfAccountRecordSchema,
  sfCaseRecordSchema,
  soqlQuote,
  toCrmAccount,
  toSalesforceCaseCreate,
  toSupportCase,
} from '@portico/domain/providers/salesforce';
import { z } from 'zod';
import { CrmProvider } from '../../modules/support/crm.provider';
import { SalesforceClient } from './salesforce.client';
import { SalesforceException } from './salesforce.exception';

/** Most cases read for one list (pages are cut in memory). */
const MAX_CASES = 2000;

const idRecordSchema = z.looseObject({ Id: z.string() });

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
  async listCases(crmAccountId: string, query: CaseListQuery): Promise<CasePage> {
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

  /** `POST /sobjects/Case` with the mapped request, then reads the stored case back. */
  async createCase(crmAccountId: string, req: CreateCaseRequest): Promise<SupportCase> {
    const id = await this.sf.create('Case', toSalesforceCaseCreate(req, { accountId: crmAccountId }));
    const created = await this.getCase(crmAccountId, id);
    if (created === null) throw new SalesforceException('bad_response', 'create Case', 'created case could not be read back');
    return created;
  }

  /** `SELECT Id FROM Account LIMIT 1`: authenticates and queries. */
  async ping(): Promise<void> {
    await this.sf.queryAll('SELECT Id FROM Account LIMIT 1', idRecordSchema, 1);
  }
}
