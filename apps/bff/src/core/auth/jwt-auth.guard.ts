import { Injectable } from '@nestjs/common';
import { AuthGuard } from '@nestjs/passport';
import { AppException } from '../http/app.exception';
import type { SessionUser } from './session.types';

/** Requires a valid access token; sets `request.user` to the {@link SessionUser}. 401 `unauthenticated` otherwise. */
@Injectable()
export class JwtAuthGuard extends AuthGuard('jwt') {
  override handleRequest<TUser = SessionUser>(err: unknown, user: unknown): TUser {
    if (err || !user) throw AppException.unauthenticated();
    return user as TUser;
  }
}
