import { Logger } from '@nestjs/common';
import type { RealtimeEvent } from '@portico/domain';
import { EventBus } from './event-bus.port';

/** {@link EventBus} within one process; handlers run synchronously in publish order. */
export class InProcessEventBus extends EventBus {
  private readonly logger = new Logger('EventBus');
  private readonly handlers = new Set<(event: RealtimeEvent) => void>();

  async publish(event: RealtimeEvent): Promise<void> {
    for (const handler of [...this.handlers]) {
      try {
        handler(event);
      } catch (err) {
        this.logger.error(`Event handler failed for ${event.type}: ${err instanceof Error ? err.message : String(err)}`);
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
}
