import { Injectable, Logger, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { roleHasPermission, type Permission } from '@portico/domain';
import { AppException } from '../http/app.exception';
import { PATH_PARAMS } from '../http/path-params';
import { AccessService } from './access.service';
import { meetsAccountMfaRequirement, type AuthenticatedRequestState } from './session.types';

/** Metadata key of {@link RequirePermission}. */
export const PERMISSION_KEY = 'portico:permission';

/**
 * Requires the session user (set by JwtAuthGuard, which must run first) to be a member of the `:accountId` route
 * parameter's account, and the member's role to grant the route's permission (`RequirePermission`); sets
 * `request.account`. A malformed id, an unknown account and a foreign account all give the same 404 `not_found`
 * "Account not found", so account ids cannot be probed. A member whose role lacks the permission gets 403
 * `forbidden`. A route without a permission is refused with 403 too (fail closed) and logged as a programming error.
 * When the account requires two-factor authentication and the member has not enrolled (and this session's sign-in
 * through the account's identity provider asserted no second factor), every route answers 403
 * `mfa_enrolment_required` (the portal sends the member to enrol).
 */
@Injectable()
export class AccountMemberGuard implements CanActivate {
  private readonly logger = new Logger(AccountMemberGuard.name);

  constructor(
    private readonly access: AccessService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context
      .switchToHttp()
      .getRequest<AuthenticatedRequestState & { params?: Record<string, string | undefined> }>();
    if (!request.user) throw AppException.unauthenticated();
    const accountId = request.params?.accountId;
    // A malformed id is no account anyone belongs to: 404 without a query.
    const membership =
      accountId && PATH_PARAMS.accountId?.schema.safeParse(accountId).success
        ? await this.access.findMembership(request.user.userId, accountId)
        : null;
    if (!membership) throw AppException.notFound('Account not found');
    if (!meetsAccountMfaRequirement(membership, request.user)) {
      throw new AppException(
        'mfa_enrolment_required',
        'This account requires two-factor authentication: set it up in your security settings first',
      );
    }
    const permission = this.reflector.getAllAndOverride<Permission | undefined>(PERMISSION_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!permission) {
      this.logger.error(
        { handler: context.getHandler().name },
        'account-scoped route without a permission: refused',
      );
      throw AppException.forbidden();
    }
    if (!roleHasPermission(membership.role, permission)) throw AppException.forbidden();
    request.account = membership;
    return true;
  }
}
