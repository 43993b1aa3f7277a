import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AppException } from '../http/app.exception';
import { AccessService } from './access.service';
import type { AuthenticatedRequestState } from './session.types';

/**
 * Requires the session user (set by JwtAuthGuard, which must run first) to be a member of the `:accountId` route
 * parameter's account; sets `request.account`. A malformed id, an unknown account and a foreign account all give
 * the same 404 `not_found` "Account not found", so account ids cannot be probed.
 */
@Injectable()
export class AccountMemberGuard implements CanActivate {
  constructor(private readonly access: AccessService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequestState & { params?: Record<string, string | undefined> }>();
    if (!request.user) throw AppException.unauthenticated();
    const accountId = request.params?.accountId;
    const membership = accountId ? await this.access.findMembership(request.user.userId, accountId) : null;
    if (!membership) throw AppException.notFound('Account not found');
    request.account = membership;
    return true;
  }
}
