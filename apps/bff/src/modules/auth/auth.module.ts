import { Module } from '@nestjs/common';
import { IdentityProvidersModule } from '../identity-providers/identity-providers.module';
import { AccountSecurityController } from './account-security.controller';
import { AccountSecurityRepository } from './account-security.repository';
import { AccountSecurityService } from './account-security.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { MfaRepository } from './mfa.repository';
import { MfaService } from './mfa.service';
import { OidcController } from './oidc/oidc.controller';
import { OidcRepository } from './oidc/oidc.repository';
import { OidcService } from './oidc/oidc.service';
import { PasswordService } from './password.service';
import { PasswordsRepository } from './passwords.repository';
import { SecurityController } from './security.controller';
import { SessionCookies } from './session-cookies';
import { SessionsRepository } from './sessions.repository';
import { SessionsService } from './sessions.service';
import { UsersRepository } from './users.repository';

/** Sign-in, sessions, two-factor, passwords (`/api/v1/auth/*`, `GET /api/v1/me`) and account security settings. */
@Module({
  imports: [IdentityProvidersModule],
  controllers: [AuthController, SecurityController, AccountSecurityController, OidcController],
  providers: [
    UsersRepository,
    SessionsRepository,
    MfaRepository,
    PasswordsRepository,
    AccountSecurityRepository,
    AccountSecurityService,
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
