import { randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  SALESFORCE_ID_PATTERN,
  type CaseCommentList,
  type CaseDetail,
  type CaseListQuery,
  type CasePage,
  type CaseReplyPolicy,
  type CreateCaseRequest,
  type CreatedCaseComment,
  type ReadMeta,
  type SupportCase,
} from '@portico/domain';
import type { AccountContext } from '../../core/auth';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { EventBus } from '../../core/events/event-bus.port';
import { AppException } from '../../core/http/app.exception';
import { AuditService } from '../audit/audit.service';
import type { RequestAuditContext } from '../audit/audit-context';
import { StatusCacheService } from '../status-cache/status-cache.service';
import { ReadCacheService } from '../read-cache/read-cache.service';
import { CrmProvider } from './crm.provider';
import { SupportRepository } from './support.repository';

const DAY_MS = 86_400_000;

/**
 * Whether the customer may reply to a case, and whether a reply reopens it: open cases always take replies; a case
 * support closed takes one (and reopens) until `reopenWindowDays` after its close (`closedAt`, else `updatedAt`).
 */
export function replyPolicy(
  c: Pick<SupportCase, 'isClosed' | 'closedAt' | 'updatedAt'>,
  reopenWindowDays: number,
  now: Date,
): CaseReplyPolicy {
  if (!c.isClosed) return { canReply: true, reopensOnReply: false, reopenableUntil: null };
  const closedAt = c.closedAt ?? c.updatedAt;
  if (reopenWindowDays <= 0 || closedAt === null)
    return { canReply: false, reopensOnReply: false, reopenableUntil: null };
  const until = new Date(Date.parse(closedAt) + reopenWindowDays * DAY_MS);
  const open = now.getTime() < until.getTime();
  return { canReply: open, reopensOnReply: open, reopenableUntil: until.toISOString() };
}

/**
 * Support cases of an account and their conversations, read through the stale-while-revalidate read cache (a read
 * with a cached copy never fails while the CRM is down). Upstream failures without a copy surface as
 * `UpstreamException` (503/504 `upstream_unavailable`).
 */
@Injectable()
export class SupportService {
  private readonly logger = new Logger(SupportService.name);

  constructor(
    private readonly crm: CrmProvider,
    private readonly statusCache: StatusCacheService,
    private readonly cache: ReadCacheService,
    private readonly repository: SupportRepository,
    private readonly audit: AuditService,
    private readonly events: EventBus,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** One page of the account's cases; an account without a CRM link has none. */
  async listCases(account: AccountContext, query: CaseListQuery): Promise<CasePage> {
    const crmId = account.salesforceAccountId;
    if (crmId === null)
      return { items: [], page: { page: query.page, pageSize: query.pageSize, total: 0 }, meta: nowMeta() };
    const { data, meta } = await this.cache.read(account, 'cases', { list: query }, () =>
      this.crm.listCases(crmId, query),
    );
    return { ...data, meta };
  }

  /**
   * One case of the account, with whether the customer may reply.
   * @throws AppException 404 when the id is malformed, unknown, or another account's case
   */
  async getCase(account: AccountContext, caseId: string): Promise<CaseDetail> {
    const { data, meta } = await this.readCase(account, caseId);
    return { ...data, reply: replyPolicy(data, this.env.CASE_REOPEN_WINDOW_DAYS, new Date()), meta };
  }

  private async readCase(
    account: AccountContext,
    caseId: string,
  ): Promise<{ data: SupportCase; meta: ReadMeta }> {
    const crmId = account.salesforceAccountId;
    if (!SALESFORCE_ID_PATTERN.test(caseId) || crmId === null) throw AppException.notFound('Case not found');
    const read = await this.cache.read(account, 'cases', `detail:${caseId}`, () =>
      this.crm.getCase(crmId, caseId),
    );
    if (read.data === null) throw AppException.notFound('Case not found');
    return { data: read.data, meta: read.meta };
  }

  /**
   * The case's public comments, oldest first, with who wrote them.
   * @throws AppException 404 for a malformed, unknown or foreign case
   */
  async listComments(account: AccountContext, caseId: string): Promise<CaseCommentList> {
    const crmId = account.salesforceAccountId;
    if (!SALESFORCE_ID_PATTERN.test(caseId) || crmId === null) throw AppException.notFound('Case not found');
    const read = await this.cache.read(account, 'cases', `comments:${caseId}`, async () =>
      this.crm.listCaseComments(
        crmId,
        caseId,
        await this.repository.commentAuthors(account.accountId, caseId),
      ),
    );
    if (read.data === null) throw AppException.notFound('Case not found');
    return { items: read.data, meta: read.meta };
  }

  /**
   * Adds the member's public comment to a case of the account. A reply to a case waiting on the customer, or to a
   * closed case within the reopen window, sets `CASE_REPLY_STATUS` (reopening it). Audited; the account's sessions
   * are told (`case_updated`).
   * @throws AppException 404 for a foreign or unknown case; 409 when the case is closed past the reopen window
   */
  async addComment(
    account: AccountContext,
    caseId: string,
    body: string,
    ctx: RequestAuditContext & { actorUserId: string },
  ): Promise<CreatedCaseComment> {
    // Fresh from the CRM: whether the case is closed decides what the reply does.
    const crmId = account.salesforceAccountId;
    if (!SALESFORCE_ID_PATTERN.test(caseId) || crmId === null) throw AppException.notFound('Case not found');
    const current = await this.crm.getCase(crmId, caseId);
    if (current === null) throw AppException.notFound('Case not found');
    const policy = replyPolicy(current, this.env.CASE_REOPEN_WINDOW_DAYS, new Date());
    if (!policy.canReply) {
      throw new AppException(
        'conflict',
        'This case was closed too long ago to be reopened: please open a new case',
      );
    }
    const commentId = await this.crm.addCaseComment(current.id, body);
    try {
      await this.repository.recordCommentAuthor(account.accountId, current.id, commentId, ctx.actorUserId);
    } catch (err) {
      this.logger.warn(
        { accountId: account.accountId, err: err instanceof Error ? err.message : String(err) },
        'comment author not recorded',
      );
    }
    const reopened = policy.reopensOnReply;
    if (reopened || current.status === 'waiting_on_customer') {
      try {
        await this.crm.setCaseStatus(current.id, this.env.CASE_REPLY_STATUS);
      } catch (err) {
        // The reply is posted; support sees it even if the status could not be changed.
        this.logger.warn(
          { accountId: account.accountId, caseId, err: err instanceof Error ? err.message : String(err) },
          'case status not changed after reply',
        );
      }
    }
    await this.audit.record({
      ...ctx,
      action: 'support.case_commented',
      target: current.id,
      metadata: { reopened },
    });
    await this.afterChange(account.accountId, current.id, 'comment_added');
    const now = new Date().toISOString();
    const author = await this.repository
      .commentAuthors(account.accountId, current.id)
      .then((m) => m.get(commentId) ?? null)
      .catch(() => null);
    return {
      comment: { id: commentId, body, authorType: 'customer', authorName: author, createdAt: now },
      reopened,
    };
  }

  /**
   * Opens a case, drops the cached `cases` block and pages and tells the account's sessions (`account_update`).
   * `requestKey` (from the request's Idempotency-Key) makes a retried create land on the case the first one opened.
   * @throws AppException 409 `conflict` when the account has no CRM link
   */
  async createCase(
    account: AccountContext,
    req: CreateCaseRequest,
    requestKey?: string,
  ): Promise<SupportCase> {
    if (account.salesforceAccountId === null) {
      throw new AppException('conflict', 'This account is not linked to the support system');
    }
    const created = await this.crm.createCase(account.salesforceAccountId, req, requestKey);
    try {
      await this.statusCache.invalidate(account.accountId, ['cases']);
      await this.cache.invalidate(account.accountId, ['cases']);
      await this.events.publish({
        id: randomUUID(),
        type: 'account_update',
        accountId: account.accountId,
        occurredAt: new Date().toISOString(),
        payload: { blocks: ['cases'], reason: 'case_created' },
      });
    } catch (err) {
      // The case exists; a failed notification must not turn the creation into an error.
      this.logger.warn(
        { accountId: account.accountId, err: err instanceof Error ? err.message : String(err) },
        'case created but notification failed',
      );
    }
    return created;
  }

  /** Drops the cached cases and tells the account's sessions (never throws: the change itself happened). */
  private async afterChange(
    accountId: string,
    caseId: string,
    reason: 'changed' | 'comment_added',
  ): Promise<void> {
    try {
      await Promise.all([
        this.cache.invalidate(accountId, ['cases']),
        this.statusCache.invalidate(accountId, ['cases']),
      ]);
      await this.events.publish({
        id: randomUUID(),
        type: 'case_updated',
        accountId,
        occurredAt: new Date().toISOString(),
        payload: { caseId, reason },
      });
    } catch (err) {
      this.logger.warn(
        { accountId, caseId, err: err instanceof Error ? err.message : String(err) },
        'case changed but notification failed',
      );
    }
  }
}

function nowMeta(): ReadMeta {
  return { source: 'salesforce', fetchedAt: new Date().toISOString(), stale: false };
}
