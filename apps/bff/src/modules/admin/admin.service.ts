import { Injectable } from '@nestjs/common';
import { statusBlockNameSchema } from '@portico/domain';
import type {
  AdminAccount,
  AdminAccountPage,
  AdminAccountQuery,
  CreateAdminAccountRequest,
  LinkAccountRequest,
} from '@portico/domain';
import { AppException } from '../../core/http/app.exception';
import { AuditService } from '../audit/audit.service';
import { StatusCacheService } from '../status-cache/status-cache.service';
import type { RequestAuditContext } from '../audit/audit-context';
import { AccountLinkConflict, AdminRepository } from './admin.repository';

const CONFLICT_MESSAGES = {
  whmcsClientId: 'This WHMCS client id is already linked to another account',
  salesforceAccountId: 'This Salesforce Account Id is already linked to another account',
} as const;

function conflict(err: unknown): never {
  if (err instanceof AccountLinkConflict) {
    const message = CONFLICT_MESSAGES[err.field];
    throw new AppException('conflict', message, [{ path: `body.${err.field}`, message }]);
  }
  throw err;
}

/** Platform administration of accounts: list, create, link to WHMCS / Salesforce. Every change is audited. */
@Injectable()
export class AdminService {
  constructor(
    private readonly repository: AdminRepository,
    private readonly audit: AuditService,
    private readonly statusCache: StatusCacheService,
  ) {}

  async page(query: AdminAccountQuery): Promise<AdminAccountPage> {
    const { items, total } = await this.repository.page(query.search, query.page, query.pageSize);
    return { items, page: { page: query.page, pageSize: query.pageSize, total } };
  }

  /** @throws AppException 409 `conflict` when an id is linked to another account */
  async create(body: CreateAdminAccountRequest, ctx: RequestAuditContext): Promise<AdminAccount> {
    const account = await this.repository.create(body).catch(conflict);
    await this.audit.record({
      ...ctx,
      accountId: account.id,
      action: 'admin.account_created',
      target: account.id,
      metadata: {
        name: account.name,
        whmcsClientId: account.whmcsClientId,
        salesforceAccountId: account.salesforceAccountId,
      },
    });
    return account;
  }

  /**
   * Links, unlinks (null) or renames an account, and drops its cached dashboard blocks.
   * @throws AppException 404 for an unknown account, 409 `conflict` when an id is linked to another account
   */
  async link(id: string, body: LinkAccountRequest, ctx: RequestAuditContext): Promise<AdminAccount> {
    const before = await this.repository.find(id);
    if (!before) throw AppException.notFound('Account not found');
    const after = await this.repository.update(before.id, body).catch(conflict);
    if (!after) throw AppException.notFound('Account not found');
    // The dashboard's cached blocks were read through the old links.
    await this.statusCache.invalidate(after.id, statusBlockNameSchema.options);
    await this.audit.record({
      ...ctx,
      accountId: after.id,
      action: 'admin.account_linked',
      target: after.id,
      metadata: {
        whmcsClientId: after.whmcsClientId,
        previousWhmcsClientId: before.whmcsClientId,
        salesforceAccountId: after.salesforceAccountId,
        previousSalesforceAccountId: before.salesforceAccountId,
        ...(after.name === before.name ? {} : { name: after.name, previousName: before.name }),
      },
    });
    return after;
  }
}
