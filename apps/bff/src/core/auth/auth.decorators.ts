import {
  applyDecorators,
  createParamDecorator,
  SetMetadata,
  UseGuards,
  type ExecutionContext,
} from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Permission } from '@portico/domain';
import { AppException } from '../http/app.exception';
import { AccountMemberGuard, PERMISSION_KEY } from './account-member.guard';
import { ACCESS_COOKIE } from './auth-cookies';
import { JwtAuthGuard } from './jwt-auth.guard';
import { PlatformAdminGuard } from './platform-admin.guard';
import type { AccountContext, AuthenticatedRequestState, SessionUser } from './session.types';

/** The {@link SessionUser} set by {@link JwtAuthGuard}. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): SessionUser => {
  const user = ctx.switchToHttp().getRequest<AuthenticatedRequestState>().user;
  if (!user) throw AppException.unauthenticated();
  return user;
});

/** The {@link AccountContext} set by {@link AccountMemberGuard}. */
export const CurrentAccount = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): AccountContext => {
    const account = ctx.switchToHttp().getRequest<AuthenticatedRequestState>().account;
    if (!account) throw AppException.notFound('Account not found');
    return account;
  },
);

/** Signed-in routes: {@link JwtAuthGuard}. */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(JwtAuthGuard),
    ApiCookieAuth(ACCESS_COOKIE),
    ApiUnauthorizedResponse({ description: 'unauthenticated' }),
  );
}

/**
 * Routes under `/accounts/:accountId`: {@link JwtAuthGuard} then {@link AccountMemberGuard}. Every such route (or
 * its controller) also needs {@link RequirePermission}; without one the guard refuses the request.
 */
export function AccountScoped(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(JwtAuthGuard, AccountMemberGuard),
    ApiCookieAuth(ACCESS_COOKIE),
    ApiUnauthorizedResponse({ description: 'unauthenticated' }),
    ApiNotFoundResponse({ description: 'not_found: unknown account or not a member' }),
    ApiForbiddenResponse({ description: "forbidden: the member's role lacks the permission" }),
  );
}

/** The permission (domain `ROLE_PERMISSIONS`) an account-scoped route requires; a method's overrides its class's. */
export function RequirePermission(permission: Permission): MethodDecorator & ClassDecorator {
  return SetMetadata(PERMISSION_KEY, permission);
}

/** Platform administration routes: {@link JwtAuthGuard} then {@link PlatformAdminGuard} (404 to anyone else). */
export function PlatformAdmin(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(JwtAuthGuard, PlatformAdminGuard),
    ApiCookieAuth(ACCESS_COOKIE),
    ApiUnauthorizedResponse({ description: 'unauthenticated' }),
    ApiNotFoundResponse({ description: 'not_found: not a platform administrator' }),
  );
}
