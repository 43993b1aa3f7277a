import { Logger } from '@nestjs/common';
import { realtimeEventSchema, type RealtimeEvent } from '@portico/domain';
import type { Redis } from 'ioredis';
import { EventBus } from './event-bus.port';

/** Redis channel carrying realtime events as JSON. */
export const REALTIME_CHANNEL = 'portico:events';

/**
 * {@link EventBus} on Redis pub/sub. Publishes on the command connection; listens on a separate subscriber
 * connection (subscribed on first `subscribe`). Messages are parsed with `realtimeEventSchema`; invalid ones are
 * logged and dropped.
 */
export class RedisEventBus extends EventBus {
  private readonly logger = new Logger('RedisEventBus');
  private readonly handlers = new Set<(event: RealtimeEvent) => void>();
  private readonly localHandlers = new Set<(event: RealtimeEvent) => void>();
  private subscription: Promise<unknown> | undefined;

  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    private readonly channel = REALTIME_CHANNEL,
  ) {
    super();
    this.subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.dispatch(message);
    });
  }

  /** Resolves once the subscriber connection listens (tests await it before publishing). */
  async ready(): Promise<void> {
    this.ensureSubscribed();
    await this.subscription;
  }

  /**
   * Validates the event, hands it to the local handlers ({@link subscribeLocal}), then publishes it on the channel.
   * @throws ZodError for an invalid event (nobody is called); the Redis error when the publish fails (the local
   *   handlers have been called)
   */
  async publish(event: RealtimeEvent): Promise<void> {
    const valid = realtimeEventSchema.parse(event);
    this.run(this.localHandlers, valid);
    await this.publisher.publish(this.channel, JSON.stringify(valid));
  }

  subscribeLocal(handler: (event: RealtimeEvent) => void): () => void {
    this.localHandlers.add(handler);
    return () => {
      this.localHandlers.delete(handler);
    };
  }

  subscribe(handler: (event: RealtimeEvent) => void): () => void {
    this.handlers.add(handler);
    this.ensureSubscribed();
    return () => {
      this.handlers.delete(handler);
    };
  }

  private ensureSubscribed(): void {
    this.subscription ??= this.subscriber.subscribe(this.channel).catch((err: unknown) => {
      this.subscription = undefined;
      this.logger.error(`Cannot subscribe to ${this.channel}: ${err instanceof Error ? err.message : String(err)}`);
    });
  }

  private dispatch(message: string): void {
    let json: unknown;
    try {
      json = JSON.parse(message);
    } catch {
      this.logger.warn('Dropped a realtime message that is not JSON');
      return;
    }
    const parsed = realtimeEventSchema.safeParse(json);
    if (!parsed.success) {
      this.logger.warn('Dropped a realtime message that is not a RealtimeEvent');
      return;
    }
    this.run(this.handlers, parsed.data);
  }

  private run(handlers: Set<(event: RealtimeEvent) => void>, event: RealtimeEvent): void {
    for (const handler of [...handlers]) {
      try {
        handler(event);
      } catch (err) {
        this.logger.error(`Event handler failed for ${event.type}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
  }
}
