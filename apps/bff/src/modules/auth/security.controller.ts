import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Res } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import {
  mfaConfirmRequestSchema,
  mfaDisableRequestSchema,
  passwordChangeRequestSchema,
  passwordForgotRequestSchema,
  passwordResetRequestSchema,
  type MfaConfirmRequest,
  type MfaDisableRequest,
  type MfaEnrolment,
  type MfaRecoveryCodes,
  type MfaStatus,
  type PasswordChangeRequest,
  type PasswordForgotRequest,
  type PasswordResetRequest,
  type SessionList,
} from '@portico/domain';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentUser, UUID_PATTERN, type SessionUser } from '../../core/auth';
import { AppException } from '../../core/http/app.exception';
import { SkipCsrf } from '../../core/http/csrf/csrf.guard';
import { SystemScope } from '../../core/prisma/db-scope.interceptor';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { AuditContext, type ClientMeta, type RequestAuditContext } from '../audit/audit-context';
import { AuditService } from '../audit/audit.service';
import { MfaService } from './mfa.service';
import { PasswordService } from './password.service';
import { SessionCookies } from './session-cookies';
import { SessionsService } from './sessions.service';

/** The signed-in user's security: sessions, two-factor authentication, password change and reset. */
@ApiTags('security')
@Controller('api/v1/auth')
export class SecurityController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly mfa: MfaService,
    private readonly passwords: PasswordService,
    private readonly cookies: SessionCookies,
    private readonly audit: AuditService,
  ) {}

  @Get('sessions')
  @Authenticated()
  @ApiOperation({
    summary: "The signed-in user's live sessions (device, IP, created, last seen), most recent first",
  })
  @ApiOkResponse({ description: 'SessionList' })
  async listSessions(@CurrentUser() user: SessionUser): Promise<SessionList> {
    return { sessions: await this.sessions.list(user) };
  }

  @Delete('sessions/:sessionId')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({
    summary: 'Revoke one session (its tokens stop working at once); revoking the current one signs out',
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: "not_found: unknown session or another user's" })
  async revokeSession(
    @CurrentUser() user: SessionUser,
    @Param('sessionId') sessionId: string,
    @AuditContext() meta: ClientMeta,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<void> {
    if (!UUID_PATTERN.test(sessionId)) throw AppException.notFound('Session not found');
    await this.sessions.revoke(user, sessionId.toLowerCase(), meta);
    if (sessionId.toLowerCase() === user.sessionId) this.cookies.clear(reply);
  }

  @Delete('sessions')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'Revoke every session but the current one' })
  @ApiNoContentResponse()
  async revokeOtherSessions(
    @CurrentUser() user: SessionUser,
    @AuditContext() meta: ClientMeta,
  ): Promise<void> {
    await this.sessions.revokeOthers(user, meta);
  }

  @Get('mfa')
  @Authenticated()
  @ApiOperation({ summary: 'Two-factor state of the signed-in user' })
  @ApiOkResponse({ description: 'MfaStatus' })
  async mfaStatus(@CurrentUser() user: SessionUser): Promise<MfaStatus> {
    return this.mfa.status(user.userId);
  }

  @Post('mfa/enrolment')
  @HttpCode(200)
  @Authenticated()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Start two-factor setup: a new TOTP secret as a QR code and a key for manual entry (shown once)',
  })
  @ApiOkResponse({ description: 'MfaEnrolment' })
  @ApiConflictResponse({ description: 'conflict: two-factor already on' })
  async startEnrolment(@CurrentUser() user: SessionUser): Promise<MfaEnrolment> {
    return this.mfa.startEnrolment(user.userId);
  }

  @Post('mfa/enrolment/confirm')
  @HttpCode(200)
  @Authenticated()
  @Header('Cache-Control', 'no-store')
  @ApiOperation({
    summary: 'Confirm two-factor setup with a first code; answers the ten recovery codes (shown once)',
  })
  @ApiOkResponse({ description: 'MfaRecoveryCodes' })
  @ApiBadRequestResponse({ description: 'validation_failed: wrong code' })
  @ApiConflictResponse({ description: 'conflict: no setup started, or already on' })
  async confirmEnrolment(
    @CurrentUser() user: SessionUser,
    @Body(new ZodValidationPipe(mfaConfirmRequestSchema)) body: MfaConfirmRequest,
    @AuditContext() ctx: RequestAuditContext,
  ): Promise<MfaRecoveryCodes> {
    const recoveryCodes = await this.mfa.confirmEnrolment(user.userId, body.code);
    await this.audit.record({ ...ctx, action: 'auth.mfa_enabled', target: `user:${user.userId}` });
    return { recoveryCodes };
  }

  @Post('mfa/disable')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({
    summary: 'Turn two-factor off (password and a current code or an unused recovery code required)',
  })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({ description: 'validation_failed: wrong password or code' })
  async disableMfa(
    @CurrentUser() user: SessionUser,
    @Body(new ZodValidationPipe(mfaDisableRequestSchema)) body: MfaDisableRequest,
    @AuditContext() ctx: RequestAuditContext,
  ): Promise<void> {
    await this.mfa.disable(user.userId, body.password, body);
    await this.audit.record({ ...ctx, action: 'auth.mfa_disabled', target: `user:${user.userId}` });
  }

  @Post('password')
  @HttpCode(204)
  @Authenticated()
  @ApiOperation({ summary: 'Change the password (current one required); ends every other session' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({
    description: 'validation_failed: wrong current password or a new one breaking the policy',
  })
  async changePassword(
    @CurrentUser() user: SessionUser,
    @Body(new ZodValidationPipe(passwordChangeRequestSchema)) body: PasswordChangeRequest,
    @AuditContext() meta: ClientMeta,
  ): Promise<void> {
    await this.passwords.change(user, body.currentPassword, body.newPassword, meta);
  }

  @Post('password/forgot')
  @SystemScope('password-forgot')
  @HttpCode(204)
  @SkipCsrf()
  @ApiOperation({
    summary: 'Email a single-use password reset link (same answer whether or not the email is known)',
  })
  @ApiNoContentResponse()
  async forgotPassword(
    @Body(new ZodValidationPipe(passwordForgotRequestSchema)) body: PasswordForgotRequest,
    @AuditContext() meta: ClientMeta,
  ): Promise<void> {
    await this.passwords.requestReset(body.email, meta);
  }

  @Post('password/reset')
  @SystemScope('password-reset')
  @HttpCode(204)
  @SkipCsrf()
  @ApiOperation({ summary: 'Set a new password with the emailed token; ends every session of the user' })
  @ApiNoContentResponse()
  @ApiBadRequestResponse({
    description: 'validation_failed: invalid, used or expired token, or a password breaking the policy',
  })
  async resetPassword(
    @Body(new ZodValidationPipe(passwordResetRequestSchema)) body: PasswordResetRequest,
    @AuditContext() meta: ClientMeta,
  ): Promise<void> {
    await this.passwords.reset(body.token, body.newPassword, meta);
  }
}
