import { Module } from '@nestjs/common';
import { AdminController } from './admin.controller';
import { AdminRepository } from './admin.repository';
import { AdminService } from './admin.service';

/** Platform administration (`/api/v1/admin/...`). */
@Module({ controllers: [AdminController], providers: [AdminRepository, AdminService] })
export class AdminModule {}
