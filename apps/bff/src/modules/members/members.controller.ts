import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { ApiBadRequestResponse, ApiConflictResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  changeRoleRequestSchema,
  createInviteRequestSchema,
  type ChangeRoleRequest,
  type CreateInviteRequest,
  type Invite,
  type Member,
  type MemberList,
} from '@portico/domain';
import {
  AccountScoped,
  CurrentAccount,
  CurrentUser,
  RequirePermission,
  type AccountContext,
  type SessionUser,
} from '../../core/auth';
import { ZodValidationPipe } from '../../core/http/zod-validation.pipe';
import { AuditContext, type ClientMeta } from '../audit/audit-context';
import { MembersService } from './members.service';

/** `/api/v1/accounts/:accountId/members`: the account's people and pending invites. */
@ApiTags('members')
@Controller('api/v1/accounts/:accountId/members')
@AccountScoped()
export class MembersController {
  constructor(private readonly members: MembersService) {}

  @Get()
  @RequirePermission('members:read')
  @ApiOperation({ summary: 'Members and pending invites' })
  list(@CurrentAccount() account: AccountContext): Promise<MemberList> {
    return this.members.list(account);
  }

  @Post('invites')
  @HttpCode(201)
  @RequirePermission('members:manage')
  @ApiOperation({
    summary: 'Invite by email with a role',
    description: 'Emails a single-use link valid 7 days. Only owners invite owners.',
  })
  @ApiBadRequestResponse({ description: 'validation_failed: malformed email or unknown role' })
  @ApiConflictResponse({ description: 'conflict: already a member, or an invite is pending' })
  invite(
    @CurrentAccount() account: AccountContext,
    @CurrentUser() user: SessionUser,
    @Body(new ZodValidationPipe(createInviteRequestSchema)) body: CreateInviteRequest,
    @AuditContext() meta: ClientMeta,
  ): Promise<Invite> {
    return this.members.invite(account, user, body, meta);
  }

  @Post('invites/:inviteId/resend')
  @HttpCode(200)
  @RequirePermission('members:manage')
  @ApiOperation({ summary: 'Send a new link (the previous one stops working) valid 7 more days' })
  @ApiParam({ name: 'inviteId' })
  resend(
    @CurrentAccount() account: AccountContext,
    @CurrentUser() user: SessionUser,
    @Param('inviteId') inviteId: string,
    @AuditContext() meta: ClientMeta,
  ): Promise<Invite> {
    return this.members.resend(account, user, inviteId, meta);
  }

  @Delete('invites/:inviteId')
  @HttpCode(204)
  @RequirePermission('members:manage')
  @ApiOperation({ summary: 'Revoke a pending invite' })
  @ApiParam({ name: 'inviteId' })
  async revoke(
    @CurrentAccount() account: AccountContext,
    @CurrentUser() user: SessionUser,
    @Param('inviteId') inviteId: string,
    @AuditContext() meta: ClientMeta,
  ): Promise<void> {
    await this.members.revoke(account, user, inviteId, meta);
  }

  @Patch(':userId')
  @RequirePermission('members:manage')
  @ApiOperation({
    summary: "Change a member's role",
    description: 'Only owners grant or take the owner role; the last owner cannot be demoted (409).',
  })
  @ApiParam({ name: 'userId' })
  @ApiConflictResponse({ description: 'conflict: the account would have no owner' })
  changeRole(
    @CurrentAccount() account: AccountContext,
    @CurrentUser() user: SessionUser,
    @Param('userId') userId: string,
    @Body(new ZodValidationPipe(changeRoleRequestSchema)) body: ChangeRoleRequest,
    @AuditContext() meta: ClientMeta,
  ): Promise<Member> {
    return this.members.changeRole(account, user, userId, body.role, meta);
  }

  @Delete(':userId')
  @HttpCode(204)
  @RequirePermission('members:manage')
  @ApiOperation({
    summary: 'Remove a member',
    description: 'Only owners remove owners; the last owner cannot be removed (409).',
  })
  @ApiParam({ name: 'userId' })
  @ApiConflictResponse({ description: 'conflict: the account would have no owner' })
  async remove(
    @CurrentAccount() account: AccountContext,
    @CurrentUser() user: SessionUser,
    @Param('userId') userId: string,
    @AuditContext() meta: ClientMeta,
  ): Promise<void> {
    await this.members.remove(account, user, userId, meta);
  }
}
