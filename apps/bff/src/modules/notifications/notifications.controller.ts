import { Body, Controller, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import {
  notificationListQuerySchema,
  notificationPreferencesSchema,
  type NotificationList,
  type NotificationListQuery,
  type NotificationPreferences,
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
import { NotificationsService } from './notifications.service';

/** The member's notifications in an account (kinds their role may see), read marks and email choices. */
@ApiTags('notifications')
@Controller('api/v1/accounts/:accountId/notifications')
@AccountScoped()
export class NotificationsController {
  constructor(private readonly notifications: NotificationsService) {}

  @Get()
  @RequirePermission('dashboard:read')
  @ApiOperation({
    summary: 'List notifications',
    description: 'Newest first, with the unread count; `unread=true` lists unread ones only.',
  })
  list(
    @CurrentAccount() account: AccountContext,
    @CurrentUser() user: SessionUser,
    @Query(new ZodValidationPipe(notificationListQuerySchema)) query: NotificationListQuery,
  ): Promise<NotificationList> {
    return this.notifications.list(account.accountId, user.userId, account.role, query);
  }

  @Post('read-all')
  @HttpCode(204)
  @RequirePermission('dashboard:read')
  @ApiOperation({ summary: 'Mark every notification read (for the signed-in member)' })
  async readAll(@CurrentAccount() account: AccountContext, @CurrentUser() user: SessionUser): Promise<void> {
    await this.notifications.markAllRead(account.accountId, user.userId, account.role);
  }

  @Get('preferences')
  @RequirePermission('dashboard:read')
  @ApiOperation({ summary: 'Email choice per notification kind (for the signed-in member)' })
  preferences(
    @CurrentAccount() account: AccountContext,
    @CurrentUser() user: SessionUser,
  ): Promise<NotificationPreferences> {
    return this.notifications.preferences(account.accountId, user.userId, account.role);
  }

  @Put('preferences')
  @RequirePermission('dashboard:read')
  @ApiOperation({ summary: 'Set the email choice of some notification kinds' })
  savePreferences(
    @CurrentAccount() account: AccountContext,
    @CurrentUser() user: SessionUser,
    @Body(new ZodValidationPipe(notificationPreferencesSchema)) body: NotificationPreferences,
  ): Promise<NotificationPreferences> {
    return this.notifications.savePreferences(account.accountId, user.userId, account.role, body);
  }

  @Post(':notificationId/read')
  @HttpCode(204)
  @RequirePermission('dashboard:read')
  @ApiOperation({ summary: 'Mark one notification read (for the signed-in member)' })
  @ApiParam({ name: 'notificationId', description: 'notification id (UUID)' })
  async read(
    @CurrentAccount() account: AccountContext,
    @CurrentUser() user: SessionUser,
    @Param('notificationId') notificationId: string,
  ): Promise<void> {
    await this.notifications.markRead(account.accountId, user.userId, account.role, notificationId);
  }
}
