import type { RealtimeEvent } from '@portico/domain';
import type { AccessChange } from '../auth/access-events';

/**
 * Domain events fanned out to every BFF instance (Redis pub/sub) or within one process (in-process adapter).
 * The realtime gateway subscribes and emits them to socket.io rooms. Access changes (revoked sessions, changed
 * memberships) travel on the same bus, apart from the realtime events: they are never sent to clients.
 */
export abstract class EventBus {
  /** Publishes to every subscriber (of every instance, with Redis). */
  abstract publish(event: RealtimeEvent): Promise<void>;
  /** Registers a handler; returns the function that unsubscribes it. Handlers must not throw. */
  abstract subscribe(handler: (event: RealtimeEvent) => void): () => void;
  /**
   * Registers a handler for the events published by this process only, called synchronously within `publish`
   * (before any Redis round trip); returns the function that unsubscribes it. With several instances the realtime
   * gateway listens here and lets socket.io's Redis streams adapter carry each event to the other instances, so that
   * every event is broadcast once, not once per instance. Handlers must not throw.
   */
  abstract subscribeLocal(handler: (event: RealtimeEvent) => void): () => void;
  /**
   * Publishes an access change to every process: this one's handlers are called synchronously within the call,
   * the other instances' once Redis delivers it (each process's handlers see each change once).
   * @throws the Redis error when the change could not be sent to the other instances (local handlers have run)
   */
  abstract publishAccessChange(change: AccessChange): Promise<void>;
  /** Registers a handler of every access change (this process's and the other instances'); returns its unsubscriber. */
  abstract subscribeAccessChanges(handler: (change: AccessChange) => void): () => void;
}
