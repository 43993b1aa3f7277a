import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import type { RealtimeEvent } from '@portico/domain';
import { randomUUID } from 'node:crypto';
import { ENV } from '../../core/config/config.module';
import type { Env } from '../../core/config/env';
import { EventBus } from '../../core/events/event-bus.port';
import { StatusCacheService } from '../status-cache/status-cache.service';

/**
 * Tells the account's open portals that usage changed: per account, one `usage_changed` (with every metric touched)
 * after `USAGE_CHANGED_DEBOUNCE_MS` without new samples (or at the latest after 5 quiet periods of a steady stream),
 * the dashboard's usage block dropped first. Publishing and alerts never fail ingestion: errors are logged.
 */
@Injectable()
export class UsageEventsService implements OnModuleDestroy {
  private readonly logger = new Logger(UsageEventsService.name);
  private readonly pending = new Map<
    string,
    { metrics: Set<string>; timer: NodeJS.Timeout; firstAt: number }
  >();

  constructor(
    private readonly bus: EventBus,
    private readonly statusCache: StatusCacheService,
    @Inject(ENV) private readonly env: Env,
  ) {}

  /** Notes that `metrics` of `accountId` received samples; the event follows after the quiet time. */
  changed(accountId: string, metrics: Iterable<string>): void {
    const delay = this.env.USAGE_CHANGED_DEBOUNCE_MS;
    const entry = this.pending.get(accountId);
    const now = Date.now();
    if (entry) {
      for (const m of metrics) entry.metrics.add(m);
      // A steady stream still publishes at least every 5 quiet periods.
      if (now - entry.firstAt < 5 * delay) entry.timer.refresh();
      return;
    }
    const timer = setTimeout(() => void this.flush(accountId), delay);
    timer.unref();
    this.pending.set(accountId, { metrics: new Set(metrics), timer, firstAt: now });
  }

  /** Publishes what is pending for `accountId` now. */
  async flush(accountId: string): Promise<void> {
    const entry = this.pending.get(accountId);
    if (!entry) return;
    this.pending.delete(accountId);
    clearTimeout(entry.timer);
    await this.publish(accountId, [...entry.metrics].sort());
  }

  /** Drops the usage block, then publishes `usage_changed` for `metrics` at once. */
  async publish(accountId: string, metrics: string[]): Promise<void> {
    try {
      await this.statusCache.invalidate(accountId, ['usage']);
      const event: RealtimeEvent = {
        id: randomUUID(),
        type: 'usage_changed',
        accountId,
        occurredAt: new Date().toISOString(),
        payload: { metrics },
      };
      await this.bus.publish(event);
    } catch (err) {
      this.logger.warn(
        { accountId, err: err instanceof Error ? err.message : String(err) },
        'usage_changed not published',
      );
    }
  }

  /** Publishes an already-built event (usage alerts), after dropping the usage block. */
  async publishEvent(event: RealtimeEvent): Promise<void> {
    await this.statusCache.invalidate(event.accountId, ['usage']).catch(() => undefined);
    await this.bus.publish(event);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.pending.keys()].map((id) => this.flush(id)));
  }
}
