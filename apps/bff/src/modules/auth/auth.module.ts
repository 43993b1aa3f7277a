import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller';
import { AuthRepository } from './auth.repository';
import { AuthService } from './auth.service';

/** Routes under `/api/v1/auth` and `GET /api/v1/me`. */
@Module({ controllers: [AuthController], providers: [AuthRepository, AuthService] })
export class AuthModule {}
