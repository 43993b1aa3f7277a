export {
  ACCESS_COOKIE,
  CSRF_COOKIE,
  CSRF_HEADER,
  MFA_CHALLENGE_COOKIE,
  REFRESH_COOKIE,
  REFRESH_COOKIE_PATH,
  cookieNames,
  cookieOptions,
  readCookie,
  type CookieNames,
} from './auth-cookies';
export { SessionRevocationService } from './session-revocation.service';
export { SecretBox } from './secret-box';
export { AccessService } from './access.service';
export { AccountMemberGuard, PERMISSION_KEY } from './account-member.guard';
export { PlatformAdminGuard } from './platform-admin.guard';
export {
  AccountScoped,
  Authenticated,
  CurrentAccount,
  CurrentUser,
  PlatformAdmin,
  RequirePermission,
} from './auth.decorators';
export { AuthCoreModule } from './auth-core.module';
export { JwtAuthGuard } from './jwt-auth.guard';
export {
  UUID_PATTERN,
  type AccountContext,
  type AuthenticatedRequestState,
  type SessionUser,
} from './session.types';
export {
  TokenService,
  hashRefreshToken,
  sessionIdOfRefreshToken,
  type IssuedRefreshToken,
} from './token.service';
