export { ACCESS_COOKIE, REFRESH_COOKIE, REFRESH_COOKIE_PATH } from './auth-cookies';
export { AccessService, UUID_PATTERN } from './access.service';
export { AccountMemberGuard } from './account-member.guard';
export { AccountScoped, Authenticated, CurrentAccount, CurrentUser } from './auth.decorators';
export { AuthCoreModule } from './auth-core.module';
export { JwtAuthGuard } from './jwt-auth.guard';
export { accessTokenFromCookie } from './jwt.strategy';
export type { AccountContext, AuthenticatedRequestState, SessionUser } from './session.types';
export { TokenService, hashRefreshToken, type IssuedRefreshToken } from './token.service';
