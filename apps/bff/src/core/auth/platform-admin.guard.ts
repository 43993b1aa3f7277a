import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AppException } from '../http/app.exception';
import { AccessService } from './access.service';
import type { AuthenticatedRequestState } from './session.types';

/**
 * Requires the session user (set by JwtAuthGuard, which must run first) to carry the `platform_admin` flag
 * (`users.platform_admin`, read from the database on every request, so revoking it takes effect at once).
 * Anyone else gets 404 `not_found`, so the admin area cannot be discovered.
 */
@Injectable()
export class PlatformAdminGuard implements CanActivate {
  constructor(private readonly access: AccessService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequestState>();
    if (!request.user) throw AppException.unauthenticated();
    if (!(await this.access.isPlatformAdmin(request.user.userId))) throw AppException.notFound();
    return true;
  }
}
