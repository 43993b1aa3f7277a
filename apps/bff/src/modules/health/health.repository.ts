import { Injectable } from '@nestjs/common';
import { PrismaService } from '../../core/prisma/prisma.service';

/** The database check of readiness (the only health file touching Prisma). */
@Injectable()
export class HealthRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** `SELECT 1`: resolves when the database answers. */
  async ping(): Promise<void> {
    await this.prisma.$queryRaw`SELECT 1`;
  }
}
