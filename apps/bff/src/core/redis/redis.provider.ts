import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { ENV } from '../config/config.module';
import type { Env } from '../config/env';

/** Roles of the shared connections. */
type RedisRole = 'client' | 'subscriber' | 'realtime';

/**
 * Shared ioredis connections on `REDIS_URL`, opened on first use and closed on shutdown.
 * `client()` is the command connection; `subscriber()` a dedicated one for pub/sub (a subscribed connection
 * cannot run other commands); `realtime()` the one handed to socket.io's Redis streams adapter.
 * Every connection reconnects by itself after Redis restarts (ioredis' retry strategy); commands issued meanwhile
 * wait in the offline queue and fail after two reconnection attempts (`maxRetriesPerRequest: 2`).
 */
@Injectable()
export class RedisConnections implements OnApplicationShutdown {
  private readonly logger = new Logger('Redis');
  private readonly connections = new Map<RedisRole, Redis>();

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

  /**
   * The connection of socket.io's Redis streams adapter (XADD, session keys); the adapter duplicates it for its
   * blocking XREAD loop and its pub/sub. @throws Error when REDIS_URL is unset
   */
  realtime(): Redis {
    return this.get('realtime');
  }

  private get(role: RedisRole): Redis {
    const existing = this.connections.get(role);
    if (existing) return existing;
    if (!this.env.REDIS_URL) throw new Error('REDIS_URL is not set');
    const redis = new Redis(this.env.REDIS_URL, {
      maxRetriesPerRequest: 2,
      lazyConnect: false,
      connectionName: `portico-bff-${role}`,
    });
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
