import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../../generated/prisma/client';
import { ENV } from '../config/config.module';
import type { Env } from '../config/env';
import { appDatabaseUrl } from '../database/app-role';
import { installScopedDispatch } from './scoped-dispatch';
import { ScopedPool } from './scoped-pool';

/**
 * The Prisma client (node-postgres driver adapter) of the running application. It connects as the application role
 * (`DATABASE_APP_URL`, or `portico_app` on `DATABASE_URL`'s server: see core/database/app-role.ts), which has no
 * BYPASSRLS and owns no table, through a {@link ScopedPool} that gives each connection the current `DbContext`
 * scope; the database's row-level-security policies do the rest. Repositories use it as a plain PrismaClient.
 */
@Injectable()
export class PrismaService extends PrismaClient implements OnModuleDestroy {
  private readonly pool: ScopedPool;

  constructor(@Inject(ENV) env: Env) {
    if (!env.DATABASE_URL)
      throw new Error('DATABASE_URL must be resolved before the Prisma client is created');
    const pool = new ScopedPool({ connectionString: appDatabaseUrl(env) });
    super({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
    this.pool = pool;
    installScopedDispatch(this);
  }

  /**
   * The scoped node-postgres pool under the client, for adapters that read many rows (Prisma's raw-query results cost
   * far more per row). Its connections carry the same `DbContext` scope: row-level security applies alike.
   */
  get pgPool(): ScopedPool {
    return this.pool;
  }

  async onModuleDestroy(): Promise<void> {
    await this.$disconnect();
    if (!this.pool.ending) await this.pool.end();
  }
}
