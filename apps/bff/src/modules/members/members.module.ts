import { Module } from '@nestjs/common';
import { InvitesController } from './invites.controller';
import { MembersController } from './members.controller';
import { MembersRepository } from './members.repository';
import { MembersService } from './members.service';

/** Members and invites of an account, invite acceptance, and the last used account. */
@Module({
  controllers: [MembersController, InvitesController],
  providers: [MembersRepository, MembersService],
})
export class MembersModule {}
