import { Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayConnection,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { createAdapter } from '@socket.io/redis-streams-adapter';
import { accountRoom, type RealtimeEvent } from '@portico/domain';
import type { Server, ServerOptions, Socket } from 'socket.io';
import { z } from 'zod';
import { AccessService, readCookie, SessionRevocationService, TokenService, type SessionUser } from '../../core/auth';
import type { AccessChange } from '../../core/auth/access-events';
import { EventBus } from '../../core/events/event-bus.port';
import { MetricsService } from '../../core/metrics/metrics.service';
import { RedisConnections } from '../../core/redis/redis.provider';

/** How long a disconnected client's session (rooms, data) and the events it missed are kept for it, ms. */
export const RECOVERY_WINDOW_MS = 120_000;

/** Redis keys of socket.io's Redis streams adapter (prefixed so they are recognisable beside BullMQ's and the cache's). */
export const REALTIME_REDIS_KEYS = {
  /** The stream every broadcast goes through (read by every instance, replayed to recovering clients). */
  stream: 'portico:socket.io',
  /** Prefix of the pub/sub channels between instances (fetchSockets, serverSideEmit, heartbeats). */
  channelPrefix: 'portico:socket.io',
  /** Prefix of the keys holding disconnected sessions for {@link RECOVERY_WINDOW_MS}. */
  sessionKeyPrefix: 'portico:socket.io:session:',
} as const;

/** Most entries kept in the stream (approximate trimming); a client whose offset was trimmed away is not recovered. */
export const REALTIME_STREAM_MAX_LEN = 10_000;

/**
 * How long one blocking XREAD of the stream waits for new entries, ms. New entries end the wait at once; the value
 * only bounds how long a closing instance keeps its reader connection open (one idle XREAD a second otherwise).
 */
export const REALTIME_READ_BLOCK_MS = 1_000;

/**
 * Options of the socket.io server (merged by Nest into the adapter's options).
 * - `connectionStateRecovery`: a client that reconnects within {@link RECOVERY_WINDOW_MS} gets its rooms back and the
 *   events it missed (`socket.recovered` is true on the client). The handshake middleware runs again on recovery
 *   (`skipMiddlewares: false`): an expired access cookie is refused like on a first connection.
 * - `perMessageDeflate: false` (engine.io's default, made explicit): events are small JSON, and a deflate context per
 *   WebSocket costs far more memory than it saves bandwidth with thousands of idle clients.
 */
export const REALTIME_SERVER_OPTIONS = {
  connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
  perMessageDeflate: false,
} satisfies Partial<ServerOptions>;

/** `join_account` payload. */
export const joinAccountSchema = z.object({ accountId: z.string().min(1).max(100) });

/** `join_account` acknowledgement. */
export type JoinAck = { ok: true } | { ok: false; code: 'validation_failed' | 'not_found' | 'unauthenticated' | 'mfa_enrolment_required' };

/**
 * Internal rooms every socket is put in, so that an access change reaches exactly the sockets it affects (on every
 * instance: each instance closes its own). Clients never receive events through them.
 */
export const accessRooms = {
  /** Sockets opened with an access token of this session. */
  session: (sessionId: string): string => `session:${sessionId}`,
  /** Sockets of this user. */
  user: (userId: string): string => `user:${userId.toLowerCase()}`,
  /** Sockets of this user that joined this account's room. */
  member: (userId: string, accountId: string): string => `member:${userId.toLowerCase()}:${accountId.toLowerCase()}`,
};

/** The rooms whose sockets an access change must close (see {@link accessRooms}). */
export function roomsAffectedBy(change: AccessChange): string[] {
  switch (change.type) {
    case 'session_revoked':
      return change.sessionIds.map(accessRooms.session);
    case 'membership_changed':
      return [accessRooms.member(change.userId, change.accountId)];
    case 'user_access_changed':
      return [accessRooms.user(change.userId)];
    case 'account_access_changed':
      return [accountRoom(change.accountId.toLowerCase())];
  }
}

/**
 * socket.io on the BFF's port (path `/socket.io`). The handshake must come from `PORTAL_ORIGIN` (when the client
 * sends an `Origin`: browsers always do; checked by the application's socket.io adapter) and carry a valid access
 * cookie (`portico_at`) of a session that is not revoked; a client then joins its accounts' rooms with `join_account`
 * (session, membership and the account's two-factor requirement checked, as on every HTTP request) and receives every
 * {@link RealtimeEvent} of those accounts as a socket.io event named after `event.type`. When a session is revoked
 * (logout, revocation, password change), a membership is removed or its role changed, or a user's or account's
 * two-factor state changes, the sockets concerned are disconnected at once on every instance (an
 * {@link AccessChange} on the {@link EventBus}); a client that reconnects passes the checks again.
 *
 * Each instance broadcasts the events published in its own process ({@link EventBus.subscribeLocal}). With
 * `REDIS_URL` set, socket.io runs on the Redis streams adapter: a broadcast is appended to one Redis stream that every
 * instance reads, so clients of all instances receive it once, and a client reconnecting within
 * {@link RECOVERY_WINDOW_MS} (to any instance) is replayed what it missed. Without Redis the default in-memory
 * adapter gives the same recovery within the one process.
 */
// CORS (PORTAL_ORIGIN with credentials) is set by the application's socket.io adapter.
@WebSocketGateway(REALTIME_SERVER_OPTIONS)
export class RealtimeGateway implements OnGatewayInit, OnGatewayConnection, OnModuleDestroy {
  private readonly logger = new Logger(RealtimeGateway.name);
  private unsubscribe: (() => void) | undefined;
  private unsubscribeAccess: (() => void) | undefined;

  @WebSocketServer()
  private server!: Server;

  constructor(
    private readonly tokens: TokenService,
    private readonly access: AccessService,
    private readonly revocations: SessionRevocationService,
    private readonly bus: EventBus,
    private readonly redis: RedisConnections,
    private readonly metrics: MetricsService,
  ) {}

  /** Installs the Redis streams adapter (with Redis), the handshake authentication, and relays the bus's events. */
  afterInit(server: Server): void {
    this.metrics.readSocketsWith(() => server.engine.clientsCount);
    if (this.redis.enabled) {
      server.adapter(
        createAdapter(this.redis.realtime(), {
          streamName: REALTIME_REDIS_KEYS.stream,
          channelPrefix: REALTIME_REDIS_KEYS.channelPrefix,
          sessionKeyPrefix: REALTIME_REDIS_KEYS.sessionKeyPrefix,
          maxLen: REALTIME_STREAM_MAX_LEN,
          onlyPlaintext: true,
          blockTimeInMs: REALTIME_READ_BLOCK_MS,
        }),
      );
      this.logger.log('socket.io on the Redis streams adapter');
    }
    server.use((socket, next) => {
      const token = readCookie(socket.handshake.headers.cookie, this.tokens.accessCookieName);
      const user = token === undefined ? null : this.tokens.verifyAccessToken(token);
      if (user === null) {
        next(new Error('unauthenticated'));
        return;
      }
      // The HTTP request that opened the connection is not needed past this point (its headers and address are in
      // `socket.handshake`); keeping it costs a few KB per connected client (socket.io's memory guide).
      (socket.conn as unknown as { request: unknown }).request = null;
      this.revocations.isRevoked(user.sessionId).then(
        (revoked) => {
          if (revoked) {
            next(new Error('unauthenticated'));
            return;
          }
          (socket.data as { user?: SessionUser }).user = user;
          next();
        },
        () => next(new Error('unauthenticated')),
      );
    });
    this.unsubscribe = this.bus.subscribeLocal((event: RealtimeEvent) => {
      server.to(accountRoom(event.accountId)).emit(event.type, event);
    });
    // Every instance closes its own sockets (`local`): the change reaches every instance through the bus.
    this.unsubscribeAccess = this.bus.subscribeAccessChanges((change) => {
      const rooms = roomsAffectedBy(change);
      server.local.in(rooms).disconnectSockets(true);
      this.logger.debug({ change: change.type }, 'sockets affected by an access change disconnected');
    });
  }

  /** Puts the socket in its session's and user's rooms (see {@link accessRooms}). */
  async handleConnection(socket: Socket): Promise<void> {
    const user = (socket.data as { user?: SessionUser }).user;
    if (user === undefined) return;
    await socket.join([accessRooms.session(user.sessionId), accessRooms.user(user.userId)]);
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
    this.unsubscribeAccess?.();
  }

  /**
   * Joins `account:<accountId>` when the session is not revoked, the user is a member and meets the account's
   * two-factor requirement (the checks of every account-scoped HTTP request); acknowledges `{ ok }`. A revoked session
   * is also disconnected.
   */
  @SubscribeMessage('join_account')
  async joinAccount(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<JoinAck> {
    const user = (socket.data as { user?: SessionUser }).user;
    if (user === undefined) return { ok: false, code: 'unauthenticated' };
    const parsed = joinAccountSchema.safeParse(body);
    if (!parsed.success) return { ok: false, code: 'validation_failed' };
    if (await this.revocations.isRevoked(user.sessionId).catch(() => true)) {
      setImmediate(() => socket.disconnect(true));
      return { ok: false, code: 'unauthenticated' };
    }
    const membership = await this.access.findMembership(user.userId, parsed.data.accountId).catch(() => null);
    if (membership === null) return { ok: false, code: 'not_found' };
    if (membership.mfaRequired === true && membership.memberMfaEnabled !== true) return { ok: false, code: 'mfa_enrolment_required' };
    await socket.join([accountRoom(membership.accountId), accessRooms.member(user.userId, membership.accountId)]);
    this.logger.debug({ accountId: membership.accountId }, 'socket joined account room');
    return { ok: true };
  }
}
