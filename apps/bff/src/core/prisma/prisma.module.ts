import { Global, Module } from '@nestjs/common';
import { APP_INTERCEPTOR } from '@nestjs/core';
import { DbScopeInterceptor } from './db-scope.interceptor';
import { PrismaService } from './prisma.service';

/** Global module exporting {@link PrismaService}; gives every HTTP handler its database scope ({@link DbScopeInterceptor}). */
@Global()
@Module({
  providers: [PrismaService, { provide: APP_INTERCEPTOR, useClass: DbScopeInterceptor }],
  exports: [PrismaService],
})
export class PrismaModule {}
