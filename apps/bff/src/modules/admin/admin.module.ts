import { Module } from '@nestjs/common';
import { IdentityProvidersModule } from '../identity-providers/identity-providers.module';
import { AdminController } from './admin.controller';
import { AdminIdentityProviderController } from './admin-identity-provider.controller';
import { AdminRepository } from './admin.repository';
import { AdminService } from './admin.service';

/** Platform administration (`/api/v1/admin/...`). */
@Module({
  imports: [IdentityProvidersModule],
  controllers: [AdminController, AdminIdentityProviderController],
  providers: [AdminRepository, AdminService],
})
export class AdminModule {}
