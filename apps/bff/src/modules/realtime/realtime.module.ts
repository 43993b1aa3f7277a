import {
  Inject,
  Injectable,
  Logger,
  Module,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server as HttpServer } from 'node:http';
import { AccessService, SessionRevocationService, TokenService } from '../../core/auth';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { EventBus } from '../../core/events/event-bus.port';
import { MetricsService } from '../../core/metrics/metrics.service';
import { RedisConnections } from '../../core/redis/redis.provider';
import { RealtimeServer } from './realtime.server';

/**
 * Starts the {@link RealtimeServer} on the application's HTTP server once every module is initialised (before it
 * listens), and closes it when the application stops.
 */
@Injectable()
export class RealtimeHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  /** The running realtime server. */
  readonly realtime: RealtimeServer;

  constructor(
    private readonly adapterHost: HttpAdapterHost,
    @Inject(ENV) env: Env,
    tokens: TokenService,
    access: AccessService,
    revocations: SessionRevocationService,
    bus: EventBus,
    redis: RedisConnections,
    metrics: MetricsService,
  ) {
    this.realtime = new RealtimeServer({
      tokens,
      access,
      revocations,
      bus,
      redis,
      metrics,
      portalOrigin: env.PORTAL_ORIGIN,
      logger: new Logger('RealtimeServer'),
    });
  }

  /** Attaches to the HTTP server (the job worker, which has none, does not load this module: see AppModule). */
  onApplicationBootstrap(): void {
    this.realtime.attach(this.adapterHost.httpAdapter.getHttpServer() as HttpServer);
  }

  /** Closes the sockets once every module is destroyed, just before the HTTP server closes (as Nest's gateways do). */
  async beforeApplicationShutdown(): Promise<void> {
    await this.realtime.close();
  }
}

/** socket.io on the BFF's port, relaying {@link EventBus} events to account rooms (see {@link RealtimeServer}). */
@Module({ providers: [RealtimeHost] })
export class RealtimeModule {}
