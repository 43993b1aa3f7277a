import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { SALESFORCE_ID_PATTERN, type CaseListQuery, type CasePage, type CreateCaseRequest, type SupportCase } from '@portico/domain';
import type { AccountContext } from '../../core/auth';
import { EventBus } from '../../core/events/event-bus.port';
import { AppException } from '../../core/http/app.exception';
import { StatusCacheService } from '../me-status/status-cache.service';
import { CrmProvider } from './crm.provider';

/**
 * Support cases of an account. Upstream failures surface as `UpstreamException` (503/504 `upstream_unavailable`).
 */
@Injectable()
export class SupportService {
  private readonly logger = new Logger(SupportService.name);

  constructor(
    private readonly crm: CrmProvider,
    private readonly statusCache: StatusCacheService,
    private readonly events: EventBus,
  ) {}

  /** One page of the account's cases; an account without a CRM link has none. */
  async listCases(account: AccountContext, query: CaseListQuery): Promise<CasePage> {
    if (account.salesforceAccountId === null) {
      return { items: [], page: { page: query.page, pageSize: query.pageSize, total: 0 } };
    }
    return this.crm.listCases(account.salesforceAccountId, query);
  }

  /**
   * One case of the account.
   * @throws AppException 404 when the id is malformed, unknown, or another account's case
   */
  async getCase(account: AccountContext, caseId: string): Promise<SupportCase> {
    if (!SALESFORCE_ID_PATTERN.test(caseId) || account.salesforceAccountId === null) throw AppException.notFound('Case not found');
    const found = await this.crm.getCase(account.salesforceAccountId, caseId);
    if (found === null) throw AppException.notFound('Case not found');
    return found;
  }

  /**
   * Opens a case, drops the cached `cases` block and tells the account's sessions (`account_update`).
   * @throws AppException 409 `conflict` when the account has no CRM link
   */
  async createCase(account: AccountContext, req: CreateCaseRequest): Promise<SupportCase> {
    if (account.salesforceAccountId === null) {
      throw new AppException(409, 'conflict', 'This account is not linked to the support system');
    }
    const created = await this.crm.createCase(account.salesforceAccountId, req);
    try {
      await this.statusCache.invalidate(account.accountId, ['cases']);
      await this.events.publish({
        id: randomUUID(),
        type: 'account_update',
        accountId: account.accountId,
        occurredAt: new Date().toISOString(),
        payload: { blocks: ['cases'], reason: 'case_created' },
      });
    } catch (err) {
      // The case exists; a failed notification must not turn the creation into an error.
      this.logger.warn({ accountId: account.accountId, err: err instanceof Error ? err.message : String(err) }, 'case created but notification failed');
    }
    return created;
  }
}
