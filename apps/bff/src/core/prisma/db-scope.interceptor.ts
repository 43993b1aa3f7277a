import {
  Injectable,
  SetMetadata,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Observable } from 'rxjs';
import type { AuthenticatedRequestState } from '../auth/session.types';
import { DbContext, type DbScope } from './db-context';

/** Metadata key of {@link SystemScope}. */
export const SYSTEM_SCOPE_KEY = 'portico:system-scope';

/**
 * Runs the route's handler in the `system` database scope (every row visible), for routes that work before or
 * outside a session: login, refresh, logout, webhook intake, health checks. `reason` names the work (e.g. `login`).
 * Everything else gets the scope of its session (see {@link DbScopeInterceptor}).
 */
export function SystemScope(reason: string): MethodDecorator & ClassDecorator {
  return SetMetadata(SYSTEM_SCOPE_KEY, reason);
}

/**
 * The database scope of an HTTP request's handler: `@SystemScope(reason)` routes run as `system`; a request that
 * passed AccountMemberGuard runs in its `account` scope (the account from the membership check, never from the URL
 * alone); a signed-in request without an account in its `user` scope; anything else in no scope, which sees no
 * account-scoped row (fail closed). Registered globally (APP_INTERCEPTOR), so it wraps every handler after the guards.
 */
@Injectable()
export class DbScopeInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const scope = this.scopeOf(context);
    // Nest binds the handler to the async context in which next.handle() is called.
    return scope ? DbContext.run(scope, () => next.handle()) : next.handle();
  }

  private scopeOf(context: ExecutionContext): DbScope | undefined {
    const reason = this.reflector.getAllAndOverride<string | undefined>(SYSTEM_SCOPE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (reason !== undefined) return { kind: 'system', reason };
    if (context.getType() !== 'http') return undefined;
    const request = context.switchToHttp().getRequest<AuthenticatedRequestState>();
    if (request.account)
      return { kind: 'account', accountId: request.account.accountId, userId: request.user?.userId };
    if (request.user) return { kind: 'user', userId: request.user.userId };
    return undefined;
  }
}
