import { applyDecorators, createParamDecorator, UseGuards, type ExecutionContext } from '@nestjs/common';
import { ApiCookieAuth, ApiNotFoundResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AppException } from '../http/app.exception';
import { AccountMemberGuard } from './account-member.guard';
import { ACCESS_COOKIE } from './auth-cookies';
import { JwtAuthGuard } from './jwt-auth.guard';
import type { AccountContext, AuthenticatedRequestState, SessionUser } from './session.types';

/** The {@link SessionUser} set by {@link JwtAuthGuard}. */
export const CurrentUser = createParamDecorator((_data: unknown, ctx: ExecutionContext): SessionUser => {
  const user = ctx.switchToHttp().getRequest<AuthenticatedRequestState>().user;
  if (!user) throw AppException.unauthenticated();
  return user;
});

/** The {@link AccountContext} set by {@link AccountMemberGuard}. */
export const CurrentAccount = createParamDecorator((_data: unknown, ctx: ExecutionContext): AccountContext => {
  const account = ctx.switchToHttp().getRequest<AuthenticatedRequestState>().account;
  if (!account) throw AppException.notFound('Account not found');
  return account;
});

/** Signed-in routes: {@link JwtAuthGuard}. */
export function Authenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(UseGuards(JwtAuthGuard), ApiCookieAuth(ACCESS_COOKIE), ApiUnauthorizedResponse({ description: 'unauthenticated' }));
}

/** Routes under `/accounts/:accountId`: {@link JwtAuthGuard} then {@link AccountMemberGuard}. */
export function AccountScoped(): MethodDecorator & ClassDecorator {
  return applyDecorators(
    UseGuards(JwtAuthGuard, AccountMemberGuard),
    ApiCookieAuth(ACCESS_COOKIE),
    ApiUnauthorizedResponse({ description: 'unauthenticated' }),
    ApiNotFoundResponse({ description: 'not_found: unknown account or not a member' }),
  );
}
