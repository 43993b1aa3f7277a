import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AppException } from '../http/app.exception';
import { SessionRevocationService } from './session-revocation.service';
import type { AuthenticatedRequestState } from './session.types';
import { TokenService } from './token.service';

type TokenRequest = AuthenticatedRequestState & { headers: Record<string, string | string[] | undefined> };

/**
 * Requires a valid access token (HS256 JWT) from the access cookie (`portico_at`, `__Host-portico_at` when Secure),
 * else `Authorization: Bearer`, whose session (`sid`) is not revoked; sets `request.user` to the
 * {@link SessionUser}. 401 `unauthenticated` otherwise. Reads this application's own configuration (no global
 * passport strategy), so several BFF instances with different cookie settings can share one process (tests).
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenService,
    private readonly revocations: SessionRevocationService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<TokenRequest>();
    const token = this.tokens.presentedAccessToken(request);
    const user = token ? this.tokens.verifyAccessToken(token) : null;
    if (!user || (await this.revocations.isRevoked(user.sessionId))) throw AppException.unauthenticated();
    request.user = user;
    return true;
  }
}
