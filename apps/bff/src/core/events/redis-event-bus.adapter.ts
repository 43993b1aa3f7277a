import { realtimeEventSchema, type RealtimeEvent } from '@portico/domain';
import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import { accessChangeSchema, type AccessChange } from '../auth/access-events';
import type { ProcessLog } from '../logging/process-log';
import { EventBus } from './event-bus.port';

/** Redis channel carrying realtime events as JSON. */
export const REALTIME_CHANNEL = 'portico:events';

/** Suffix of the channel carrying access changes (`portico:events:access`). */
export const ACCESS_CHANNEL_SUFFIX = ':access';

/** An access change on the wire, with the instance that published it (which has already handled it). */
const accessMessageSchema = z.object({ origin: z.string(), change: accessChangeSchema });

/**
 * {@link EventBus} on Redis pub/sub. Publishes on the command connection; listens on a separate subscriber
 * connection (subscribed on first `subscribe`). Messages are parsed with `realtimeEventSchema`; invalid ones are
 * logged and dropped.
 */
export class RedisEventBus extends EventBus {
  private readonly handlers = new Set<(event: RealtimeEvent) => void>();
  private readonly localHandlers = new Set<(event: RealtimeEvent) => void>();
  private readonly accessHandlers = new Set<(change: AccessChange) => void>();
  private subscription: Promise<unknown> | undefined;
  private accessSubscription: Promise<unknown> | undefined;
  /** This instance, so that it skips its own access changes when Redis echoes them back. */
  private readonly instanceId = randomUUID();
  private readonly accessChannel: string;

  private readonly channel: string;
  private readonly logger: ProcessLog;

  /**
   * @param options.logger where dropped messages and failing handlers are logged (Nest's `Logger` in the BFF)
   * @param options.channel the events' channel (default {@link REALTIME_CHANNEL}; access changes on `<channel>:access`)
   */
  constructor(
    private readonly publisher: Redis,
    private readonly subscriber: Redis,
    options: { logger: ProcessLog; channel?: string },
  ) {
    super();
    this.channel = options.channel ?? REALTIME_CHANNEL;
    this.logger = options.logger;
    this.accessChannel = `${this.channel}${ACCESS_CHANNEL_SUFFIX}`;
    this.subscriber.on('message', (from: string, message: string) => {
      if (from === this.channel) this.dispatch(message);
      else if (from === this.accessChannel) this.dispatchAccess(message);
    });
  }

  /** Resolves once the subscriber connection listens (tests await it before publishing). */
  async ready(): Promise<void> {
    this.ensureSubscribed();
    await this.subscription;
    if (this.accessHandlers.size > 0) await this.accessSubscription;
  }

  /**
   * Calls this instance's access handlers, then publishes the change for the others (this instance skips its own
   * message when Redis delivers it back).
   * @throws ZodError for an invalid change; the Redis error when the publish fails
   */
  async publishAccessChange(change: AccessChange): Promise<void> {
    const valid = accessChangeSchema.parse(change);
    this.runAccess(valid);
    await this.publisher.publish(
      this.accessChannel,
      JSON.stringify({ origin: this.instanceId, change: valid }),
    );
  }

  subscribeAccessChanges(handler: (change: AccessChange) => void): () => void {
    this.accessHandlers.add(handler);
    this.accessSubscription ??= this.subscriber.subscribe(this.accessChannel).catch((err: unknown) => {
      this.accessSubscription = undefined;
      this.logger.error(
        `Cannot subscribe to ${this.accessChannel}: ${err instanceof Error ? err.message : String(err)}`,
      );
    });
    return () => {
      this.accessHandlers.delete(handler);
    };
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
      this.logger.error(
        `Cannot subscribe to ${this.channel}: ${err instanceof Error ? err.message : String(err)}`,
      );
    });
  }

  private dispatch(message: string): void {
    const event = this.parse(message, realtimeEventSchema, 'a realtime message');
    if (event !== null) this.run(this.handlers, event);
  }

  private dispatchAccess(message: string): void {
    const parsed = this.parse(message, accessMessageSchema, 'an access change');
    if (parsed !== null && parsed.origin !== this.instanceId) this.runAccess(parsed.change);
  }

  /** The message parsed with `schema`, or null (logged and dropped) when it is not JSON or does not match. */
  private parse<T>(message: string, schema: z.ZodType<T>, what: string): T | null {
    let json: unknown;
    try {
      json = JSON.parse(message);
    } catch {
      this.logger.warn(`Dropped ${what} that is not JSON`);
      return null;
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      this.logger.warn(`Dropped ${what} of an unexpected shape`);
      return null;
    }
    return parsed.data;
  }

  private runAccess(change: AccessChange): void {
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

  private run(handlers: Set<(event: RealtimeEvent) => void>, event: RealtimeEvent): void {
    for (const handler of [...handlers]) {
      try {
        handler(event);
      } catch (err) {
        this.logger.error(
          `Event handler failed for ${event.type}: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
  }
}
