import { Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AccessRepository } from './access.repository';
import { AccessService } from './access.service';
import { AccountMemberGuard } from './account-member.guard';
import { JwtAuthGuard } from './jwt-auth.guard';
import { JwtStrategy } from './jwt.strategy';
import { PlatformAdminGuard } from './platform-admin.guard';
import { TokenService } from './token.service';

/** Global auth building blocks used by every feature module: tokens, guards, membership lookup. */
@Global()
@Module({
  imports: [PassportModule.register({ session: false }), JwtModule.register({})],
  providers: [TokenService, JwtStrategy, AccessRepository, AccessService, JwtAuthGuard, AccountMemberGuard, PlatformAdminGuard],
  exports: [TokenService, AccessService, JwtAuthGuard, AccountMemberGuard, PlatformAdminGuard, JwtModule],
})
export class AuthCoreModule {}
