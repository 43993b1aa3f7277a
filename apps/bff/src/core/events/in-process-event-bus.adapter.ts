import { Logger } from '@nestjs/common';
import type { RealtimeEvent } from '@portico/domain';
import type { AccessChange } from '../auth/access-events';
import { EventBus } from './event-bus.port';

/** {@link EventBus} within one process; handlers run synchronously in publish order. */
export class InProcessEventBus extends EventBus {
  private readonly logger = new Logger('EventBus');
  private readonly handlers = new Set<(event: RealtimeEvent) => void>();
  private readonly accessHandlers = new Set<(change: AccessChange) => void>();

  async publish(event: RealtimeEvent): Promise<void> {
    for (const handler of [...this.handlers]) {
      try {
        handler(event);
      } catch (err) {
        this.logger.error(
          `Event handler failed for ${event.type}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  }

  subscribe(handler: (event: RealtimeEvent) => void): () => void {
    this.handlers.add(handler);
    return () => {
      this.handlers.delete(handler);
    };
  }

  /** Every event is local in one process: the same as {@link subscribe}. */
  subscribeLocal(handler: (event: RealtimeEvent) => void): () => void {
    return this.subscribe(handler);
  }

  async publishAccessChange(change: AccessChange): Promise<void> {
    for (const handler of [...this.accessHandlers]) {
      try {
        handler(change);
      } catch (err) {
        this.logger.error(
          `Access change handler failed for ${change.type}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  }

  subscribeAccessChanges(handler: (change: AccessChange) => void): () => void {
    this.accessHandlers.add(handler);
    return () => {
      this.accessHandlers.delete(handler);
    };
  }
}
