import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { AppException } from '../http/app.exception';
import { accessTokenFromCookie } from './jwt.strategy';
import type { SessionUser } from './session.types';
import { TokenService } from './token.service';

/** `Authorization: Bearer <token>` (case-insensitive scheme), as passport-jwt's `fromAuthHeaderAsBearerToken`. */
function bearerToken(header: unknown): string | null {
  if (typeof header !== 'string') return null;
  const match = /^bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1] ?? null;
}

/**
 * Requires a valid access token (HS256 JWT, unexpired) from the `portico_at` cookie, else `Authorization: Bearer`;
 * sets `request.user` to the {@link SessionUser}. 401 `unauthenticated` otherwise. Verifies with
 * {@link TokenService.verifyAccessToken} directly: the same checks as the passport `jwt` strategy, without
 * passport's per-request machinery on the hot path of every signed-in request.
 */
@Injectable()
export class JwtAuthGuard implements CanActivate {
  constructor(private readonly tokens: TokenService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<{ headers?: Record<string, unknown>; user?: SessionUser }>();
    const token = accessTokenFromCookie(request) ?? bearerToken(request.headers?.authorization);
    const user = token === null ? null : this.tokens.verifyAccessToken(token);
    if (!user) throw AppException.unauthenticated();
    request.user = user;
    return true;
  }
}
