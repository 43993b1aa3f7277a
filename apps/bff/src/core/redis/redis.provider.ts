import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { ENV } from '../config/config.module';
import type { Env } from '../config/env';

/**
 * Shared ioredis connections on `REDIS_URL`, opened on first use and closed on shutdown.
 * `client()` is the command connection; `subscriber()` a dedicated one for pub/sub (a subscribed connection
 * cannot run other commands).
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly connections = new Map<'client' | 'subscriber', Redis>();

  constructor(@Inject(ENV) private readonly env: Env) {}

  /** True when `REDIS_URL` is set. */
  get enabled(): boolean {
    return this.env.REDIS_URL !== undefined;
  }

  /** The shared command connection. @throws Error when REDIS_URL is unset */
  client(): Redis {
    return this.get('client');
  }

  /** The shared subscriber connection. @throws Error when REDIS_URL is unset */
  subscriber(): Redis {
    return this.get('subscriber');
  }

  private get(role: 'client' | 'subscriber'): Redis {
    const existing = this.connections.get(role);
    if (existing) return existing;
    if (!this.env.REDIS_URL) throw new Error('REDIS_URL is not set');
    const redis = new Redis(this.env.REDIS_URL, { maxRetriesPerRequest: 2, lazyConnect: false, connectionName: `portico-bff-${role}` });
    redis.on('error', (err: Error) => this.logger.warn(`Redis ${role} connection error: ${err.message}`));
    this.connections.set(role, redis);
    return redis;
  }

  async onApplicationShutdown(): Promise<void> {
    const open = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(open.map(async (redis) => redis.quit().catch(() => redis.disconnect())));
  }
}
