import { Global, Module } from '@nestjs/common';
import { PrismaService } from './prisma.service';

/** Global module exporting {@link PrismaService}. */
@Global()
@Module({ providers: [PrismaService], exports: [PrismaService] })
export class PrismaModule {}
