import { Module, type DynamicModule, type Type } from '@nestjs/common';
import { AuthCoreModule } from './core/auth/auth-core.module';
import { CacheModule } from './core/cache/cache.module';
import { ClockModule } from './core/clock/clock.module';
import { ConfigModule } from './core/config/config.module';
import type { Env } from './core/config/env';
import { EventsModule } from './core/events/events.module';
import { HttpSecurityModule } from './core/http/http-security.module';
import { IntegrationsModule } from './integrations/integrations.module';
import { QueueModule } from './core/queue/queue.module';
import { LoggingModule } from './core/logging/logging.module';
import { MailModule } from './core/mail/mail.module';
import { MetricsModule } from './core/metrics/metrics.module';
import { PrismaModule } from './core/prisma/prisma.module';
import { RedisModule } from './core/redis/redis.module';
import { AdminModule } from './modules/admin/admin.module';
import { AuditModule } from './modules/audit/audit.module';
import { AuthModule } from './modules/auth/auth.module';
import { MembersModule } from './modules/members/members.module';
import { UsageModule } from './modules/usage/usage.module';
import { DashboardsModule } from './modules/dashboards/dashboards.module';
// ---- feature modules of the integration/webhook/realtime side: imports ----
import { BillingModule } from './modules/billing/billing.module';
import { HealthModule } from './modules/health/health.module';
import { MeStatusModule } from './modules/me-status/me-status.module';
import { RealtimeModule } from './modules/realtime/realtime.module';
import { SupportModule } from './modules/support/support.module';
import { WebhooksModule } from './modules/webhooks/webhooks.module';
import { ReconciliationModule } from './modules/reconciliation/reconciliation.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { ReadCacheModule } from './modules/read-cache/read-cache.module';
import { StatusCacheModule } from './modules/status-cache/status-cache.module';
// ---- end ----

/** Infrastructure every feature relies on (all global). */
const CORE_MODULES: Type[] = [
  ClockModule,
  LoggingModule,
  MetricsModule,
  PrismaModule,
  RedisModule,
  CacheModule,
  EventsModule,
  QueueModule,
  MailModule,
  AuthCoreModule,
  AuditModule,
  HttpSecurityModule,
];

/** The upstream adapters behind their ports, provided once (global). */
const INTEGRATION_MODULES: Type[] = [IntegrationsModule];

/** Feature modules, each one folder under src/modules. */
export const FEATURE_MODULES: Type[] = [
  AuthModule,
  MembersModule,
  UsageModule,
  DashboardsModule,
  AdminModule,
  // ---- feature modules of the integration/webhook/realtime side: list ----
  ReadCacheModule,
  StatusCacheModule,
  NotificationsModule,
  MeStatusModule,
  BillingModule,
  SupportModule,
  WebhooksModule,
  ReconciliationModule,
  RealtimeModule,
  HealthModule,
  // ---- end ----
];

/** Modules that serve over the HTTP server, left out of the job worker (an application context without one). */
const HTTP_SERVER_MODULES: readonly Type[] = [RealtimeModule];

/**
 * The BFF. `env` must carry the resolved DATABASE_URL (see core/database/database-bootstrap.ts).
 * @param options.httpServer false for the job worker (`dist/worker.js`): no socket.io server
 */
@Module({})
export class AppModule {
  static forRoot(env: Env, options: { httpServer?: boolean } = {}): DynamicModule {
    // The job worker has no HTTP server; with REALTIME_PROCESS=separate the sockets live in dist/realtime.js.
    const features =
      options.httpServer === false
        ? FEATURE_MODULES.filter((m) => !HTTP_SERVER_MODULES.includes(m))
        : env.REALTIME_PROCESS === 'separate'
          ? FEATURE_MODULES.filter((m) => m !== RealtimeModule)
          : FEATURE_MODULES;
    return {
      module: AppModule,
      imports: [ConfigModule.forRoot(env), ...CORE_MODULES, ...INTEGRATION_MODULES, ...features],
    };
  }
}
