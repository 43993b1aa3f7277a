import { applyDecorators, UseGuards, type CanActivate } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import { Authenticated } from '../../core/auth';
import { AppException } from '../../core/http/app.exception';

/** Refuses everyone until platform admins exist (the `PlatformAdmin()` guard of core/auth replaces it). */
class NoPlatformAdminsYetGuard implements CanActivate {
  canActivate(): boolean {
    throw new AppException(403, 'forbidden', 'Platform admins only');
  }
}

/** Platform-admin-only routes. */
export function PlatformAdminOnly(): MethodDecorator & ClassDecorator {
  return applyDecorators(Authenticated(), UseGuards(NoPlatformAdminsYetGuard), ApiForbiddenResponse({ description: 'forbidden: not a platform admin' }));
}
