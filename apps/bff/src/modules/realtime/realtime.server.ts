import { createAdapter } from '@socket.io/redis-streams-adapter';
import { accountRoom, type RealtimeEvent } from '@portico/domain';
import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { z } from 'zod';
// Imported file by file, not through core/auth's index: the separate realtime process loads this module without
// the guards and Nest modules the index also exports.
import type { AccessService } from '../../core/auth/access.service';
import { readCookie } from '../../core/auth/auth-cookies';
import type { SessionRevocationService } from '../../core/auth/session-revocation.service';
import type { SessionUser } from '../../core/auth/session.types';
import type { TokenService } from '../../core/auth/token.service';
import { meetsAccountMfaRequirement } from '../../core/auth/session.types';
import type { AccessChange } from '../../core/auth/access-events';
import type { EventBus } from '../../core/events/event-bus.port';
import type { ProcessLog } from '../../core/logging/process-log';
import type { MetricsService } from '../../core/metrics/metrics.service';
import type { RedisConnections } from '../../core/redis/redis.provider';

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

/** Largest message a client may send, bytes (`join_account` is well under 200): a bigger one closes its connection. */
export const REALTIME_MAX_MESSAGE_BYTES = 4_096;

/**
 * Options of the socket.io server (CORS and the Origin check are added by {@link RealtimeServer}).
 * - `connectionStateRecovery`: a client that reconnects within {@link RECOVERY_WINDOW_MS} gets its rooms back and the
 *   events it missed (`socket.recovered` is true on the client). The handshake middleware runs again on recovery
 *   (`skipMiddlewares: false`): an expired access cookie is refused like on a first connection.
 * - `perMessageDeflate: false` and `httpCompression: false`: events are small JSON, and a deflate context per
 *   WebSocket (or per polling response) costs far more memory and CPU than it saves bandwidth with thousands of idle
 *   clients.
 * - `maxHttpBufferSize`: {@link REALTIME_MAX_MESSAGE_BYTES} (engine.io's default is 1 MB): clients only send
 *   `join_account`.
 */
export const REALTIME_SERVER_OPTIONS = {
  connectionStateRecovery: { maxDisconnectionDuration: RECOVERY_WINDOW_MS, skipMiddlewares: false },
  perMessageDeflate: false,
  httpCompression: false,
  maxHttpBufferSize: REALTIME_MAX_MESSAGE_BYTES,
} satisfies Partial<ServerOptions>;

/**
 * Whether a socket.io handshake may proceed given its `Origin` header: only the portal's origin. A request without
 * `Origin` is not from a browser page (browsers send it on every WebSocket and cross-origin request), so it is no
 * cross-site WebSocket hijacking and is left to the cookie check.
 */
export function handshakeOriginAllowed(origin: string | string[] | undefined, portalOrigin: string): boolean {
  if (origin === undefined) return true;
  const value = Array.isArray(origin) ? origin[0] : origin;
  return value === new URL(portalOrigin).origin;
}

/** `join_account` payload. */
export const joinAccountSchema = z.object({ accountId: z.string().min(1).max(100) });

/** `join_account` acknowledgement. */
export type JoinAck =
  | { ok: true }
  | { ok: false; code: 'validation_failed' | 'not_found' | 'unauthenticated' | 'mfa_enrolment_required' };

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
  member: (userId: string, accountId: string): string =>
    `member:${userId.toLowerCase()}:${accountId.toLowerCase()}`,
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
 * Where the events a {@link RealtimeServer} relays come from:
 * - `local`: the events published in this process ({@link EventBus.subscribeLocal}), broadcast through socket.io's
 *   adapter (the Redis streams adapter when Redis is there, so every instance's clients get each event once and a
 *   client recovering on any instance is replayed what it missed). The BFF hosting socket.io on its own port.
 * - `bus`: every event of every process ({@link EventBus.subscribe}, Redis pub/sub), emitted to this process's own
 *   clients on socket.io's in-memory adapter (recovery within the process). The separate realtime process, where no
 *   event is published locally; several of them each deliver to their own clients, and none twice.
 */
export type RealtimeRelay = 'local' | 'bus';

/**
 * What {@link RealtimeServer} needs from the application: narrow ports, so that the BFF passes its Nest services and
 * the separate realtime process (realtime-app.ts) its lean equivalents without Nest or Prisma.
 */
export interface RealtimeDependencies {
  /** Access-cookie name and token verification ({@link TokenService}). */
  readonly tokens: Pick<TokenService, 'accessCookieName' | 'verifyAccessToken'>;
  /** The user's membership of an account, or null ({@link AccessService.findMembership}). */
  readonly access: Pick<AccessService, 'findMembership'>;
  /** The revoked-session denylist ({@link SessionRevocationService.isRevoked}). */
  readonly revocations: Pick<SessionRevocationService, 'isRevoked'>;
  readonly bus: Pick<EventBus, 'subscribe' | 'subscribeLocal' | 'subscribeAccessChanges'>;
  /** Redis connections, for the streams adapter of `relay: 'local'` when Redis is enabled (unused by `bus`). */
  readonly redis?: Pick<RedisConnections, 'enabled' | 'realtime'>;
  readonly metrics: Pick<MetricsService, 'readSocketsWith'>;
  /** `PORTAL_ORIGIN`: the only browser origin allowed to open a socket (with credentials). */
  readonly portalOrigin: string;
  /** Which events are relayed and how (default `local`). */
  readonly relay?: RealtimeRelay;
  /** Nest's `Logger` in the BFF, a pino child in the realtime process. */
  readonly logger: ProcessLog;
}

/**
 * socket.io on the BFF's own HTTP server (path `/socket.io`), hosted directly rather than through Nest's gateway
 * layer, whose per-socket rxjs pipelines cost memory with thousands of idle clients.
 *
 * The handshake must come from `PORTAL_ORIGIN` (when the client sends an `Origin`: browsers always do; refused with
 * 403 before any cookie is read) and carry a valid access cookie (`portico_at`) of a session that is not revoked; a
 * client then joins its accounts' rooms with `join_account` (session, membership and the account's two-factor
 * requirement checked, as on every HTTP request) and receives every {@link RealtimeEvent} of those accounts as a
 * socket.io event named after `event.type`. When a session is revoked (logout, revocation, password change), a
 * membership is removed or its role changed, or a user's or account's two-factor state changes, the sockets concerned
 * are disconnected at once on every instance (an {@link AccessChange} on the {@link EventBus}); a client that
 * reconnects passes the checks again.
 *
 * Hosted by the BFF (`relay: 'local'`), each instance broadcasts the events published in its own process
 * ({@link EventBus.subscribeLocal}). With `REDIS_URL` set, socket.io runs on the Redis streams adapter: a broadcast is
 * appended to one Redis stream that every instance reads, so clients of all instances receive it once, and a client
 * reconnecting within {@link RECOVERY_WINDOW_MS} (to any instance) is replayed what it missed. Without Redis the
 * default in-memory adapter gives the same recovery within the one process. In the separate realtime process
 * (`relay: 'bus'`, see {@link RealtimeRelay}) the same checks run over lean ports.
 */
export class RealtimeServer {
  private io: Server | undefined;
  private readonly unsubscribers: (() => void)[] = [];

  constructor(private readonly deps: RealtimeDependencies) {}

  /** The socket.io server once {@link attach}ed (tests and metrics). */
  get server(): Server | undefined {
    return this.io;
  }

  /**
   * Attaches socket.io to `httpServer` (before or after it listens), installs the Redis streams adapter (with Redis),
   * the handshake checks and the relays from the bus.
   * @throws Error when already attached
   */
  attach(httpServer: HttpServer): Server {
    if (this.io !== undefined) throw new Error('the realtime server is already attached');
    const { tokens, revocations, bus, redis, metrics, portalOrigin } = this.deps;
    const relay = this.deps.relay ?? 'local';
    const origin = new URL(portalOrigin).origin;
    const io = new Server(httpServer, {
      ...REALTIME_SERVER_OPTIONS,
      cors: { origin, credentials: true },
      allowRequest: (
        req: IncomingMessage,
        callback: (err: string | null | undefined, success: boolean) => void,
      ) => {
        callback(null, handshakeOriginAllowed(req.headers.origin, portalOrigin));
      },
    });
    this.io = io;
    metrics.readSocketsWith(() => io.engine.clientsCount);
    if (relay === 'local' && redis?.enabled) {
      io.adapter(
        createAdapter(redis.realtime(), {
          streamName: REALTIME_REDIS_KEYS.stream,
          channelPrefix: REALTIME_REDIS_KEYS.channelPrefix,
          sessionKeyPrefix: REALTIME_REDIS_KEYS.sessionKeyPrefix,
          maxLen: REALTIME_STREAM_MAX_LEN,
          onlyPlaintext: true,
          blockTimeInMs: REALTIME_READ_BLOCK_MS,
        }),
      );
      this.deps.logger.log('socket.io on the Redis streams adapter');
    }
    io.use((socket, next) => {
      const token = readCookie(socket.handshake.headers.cookie, tokens.accessCookieName);
      const user = token === undefined ? null : tokens.verifyAccessToken(token);
      if (user === null) {
        next(new Error('unauthenticated'));
        return;
      }
      // Neither the HTTP request that opened the connection nor its headers (the cookie among them) are needed past
      // this point; keeping them costs a few KB per connected client (socket.io's memory guide).
      (socket.conn as unknown as { request: unknown }).request = null;
      socket.handshake.headers = {};
      revocations.isRevoked(user.sessionId).then(
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
    io.on('connection', (socket) => this.onConnection(socket));
    this.unsubscribers.push(
      relay === 'local'
        ? bus.subscribeLocal((event: RealtimeEvent) => {
            io.to(accountRoom(event.accountId)).emit(event.type, event);
          })
        : bus.subscribe((event: RealtimeEvent) => {
            io.local.to(accountRoom(event.accountId)).emit(event.type, event);
          }),
      // Every instance closes its own sockets (`local`): the change reaches every instance through the bus.
      bus.subscribeAccessChanges((change) => {
        io.local.in(roomsAffectedBy(change)).disconnectSockets(true);
        this.deps.logger.debug({ change: change.type }, 'sockets affected by an access change disconnected');
      }),
    );
    return io;
  }

  /**
   * Disconnects every client, closes the adapter (the Redis stream reader) and the engine; leaves the HTTP server
   * to its owner (Fastify closes it).
   */
  async close(): Promise<void> {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    const io = this.io;
    if (io === undefined) return;
    this.io = undefined;
    // socket.io's own close (each socket closed as "server shutting down", adapters closed, engine closed), without
    // its last step, closing the HTTP server: Fastify owns that one and closes it after this.
    (io as unknown as { httpServer?: unknown }).httpServer = undefined;
    await io.close();
  }

  /** Puts the socket in its session's and user's rooms (see {@link accessRooms}) and handles its messages. */
  private onConnection(socket: Socket): void {
    const user = (socket.data as { user?: SessionUser }).user;
    if (user === undefined) {
      socket.disconnect(true);
      return;
    }
    void socket.join([accessRooms.session(user.sessionId), accessRooms.user(user.userId)]);
    socket.on('join_account', (body: unknown, ack?: unknown) => {
      const reply = typeof ack === 'function' ? (ack as (result: JoinAck) => void) : () => undefined;
      this.joinAccount(socket, user, body).then(reply, () => reply({ ok: false, code: 'not_found' }));
    });
  }

  /**
   * Joins `account:<accountId>` when the session is not revoked, the user is a member and meets the account's
   * two-factor requirement (the checks of every account-scoped HTTP request); acknowledges `{ ok }`. A revoked session
   * is also disconnected.
   */
  private async joinAccount(socket: Socket, user: SessionUser, body: unknown): Promise<JoinAck> {
    const parsed = joinAccountSchema.safeParse(body);
    if (!parsed.success) return { ok: false, code: 'validation_failed' };
    if (await this.deps.revocations.isRevoked(user.sessionId).catch(() => true)) {
      setImmediate(() => socket.disconnect(true));
      return { ok: false, code: 'unauthenticated' };
    }
    const membership = await this.deps.access
      .findMembership(user.userId, parsed.data.accountId)
      .catch(() => null);
    if (membership === null) return { ok: false, code: 'not_found' };
    if (!meetsAccountMfaRequirement(membership, user)) return { ok: false, code: 'mfa_enrolment_required' };
    await socket.join([
      accountRoom(membership.accountId),
      accessRooms.member(user.userId, membership.accountId),
    ]);
    this.deps.logger.debug({ accountId: membership.accountId }, 'socket joined account room');
    return { ok: true };
  }
}
