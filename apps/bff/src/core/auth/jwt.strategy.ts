import { createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { ENV } from '../config/config.module';
import type { Env } from '../config/env';
import { ACCESS_COOKIE } from './auth-cookies';
import type { SessionUser } from './session.types';
import { sessionFromClaims } from './token.service';

/** Reads the access token from the `portico_at` cookie. */
export function accessTokenFromCookie(request: unknown): string | null {
  const cookies = (request as { cookies?: Record<string, string | undefined> }).cookies;
  const token = cookies?.[ACCESS_COOKIE];
  return typeof token === 'string' && token.length > 0 ? token : null;
}

/** passport-jwt strategy `jwt`: access token from the cookie, else `Authorization: Bearer`. */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(@Inject(ENV) env: Env) {
    super({
      jwtFromRequest: ExtractJwt.fromExtractors([accessTokenFromCookie, ExtractJwt.fromAuthHeaderAsBearerToken()]),
      // A KeyObject, not the string: jsonwebtoken otherwise tries (and fails, with a thrown error) to read the
      // string as a public key on every verification, which was most of the CPU of an authenticated request.
      // jsonwebtoken 9 accepts a KeyObject; passport-jwt's types predate it.
      secretOrKey: createSecretKey(Buffer.from(env.JWT_ACCESS_SECRET, 'utf8')) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  /** passport calls this with the verified payload; a falsy return means 401. */
  validate(payload: unknown): SessionUser | false {
    return sessionFromClaims(payload) ?? false;
  }
}
