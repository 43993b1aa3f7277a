import { Module } from '@nestjs/common';
import { IdentityProvidersModule } from '../identity-providers/identity-providers.module';
import { AccountSecurityController } from './account-security.controller';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';
import { MfaService } from './mfa.service';
import { OidcController } from './oidc/oidc.controller';
import { OidcRepository } from './oidc/oidc.repository';
import { OidcService } from './oidc/oidc.service';
import { PasswordService } from './password.service';
import { SecurityController } from './security.controller';
import { SessionCookies } from './session-cookies';
import { SessionsService } from './sessions.service';

/** Sign-in, sessions, two-factor, passwords (`/api/v1/auth/*`, `GET /api/v1/me`) and account security settings. */
@Module({
  imports: [IdentityProvidersModule],
  controllers: [AuthController, SecurityController, AccountSecurityController, OidcController],
  providers: [
    AuthRepository,
    AuthService,
    MfaService,
    PasswordService,
    SessionsService,
    SessionCookies,
    OidcRepository,
    OidcService,
  ],
})
export class AuthModule {}
