import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';
import { AccountMemberGuard } from './account-member.guard';
import { JwtAuthGuard } from './jwt-auth.guard';
import { PlatformAdminGuard } from './platform-admin.guard';
import { SessionRevocationService } from './session-revocation.service';
import { TokenService } from './token.service';

/** Global auth building blocks used by every feature module: tokens, guards, membership lookup. */
@Global()
@Module({
  imports: [JwtModule.register({})],
  providers: [
    TokenService,
    SessionRevocationService,
    AccessRepository,
    AccessService,
    JwtAuthGuard,
    AccountMemberGuard,
    PlatformAdminGuard,
  ],
  exports: [
    TokenService,
    SessionRevocationService,
    AccessService,
    JwtAuthGuard,
    AccountMemberGuard,
    PlatformAdminGuard,
    JwtModule,
  ],
})
export class AuthCoreModule {}
