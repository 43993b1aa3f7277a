import { Module } from '@nestjs/common';
import { MeStatusModule } from '../me-status/me-status.module';
import { AdminController } from './admin.controller';
import { AdminRepository } from './admin.repository';
import { AdminService } from './admin.service';

/** Platform administration (`/api/v1/admin/...`). */
@Module({
  imports: [MeStatusModule],
  controllers: [AdminController],
  providers: [AdminRepository, AdminService],
})
export class AdminModule {}
