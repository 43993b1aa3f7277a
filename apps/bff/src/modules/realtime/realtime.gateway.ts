import { Logger, type OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
  type OnGatewayInit,
} from '@nestjs/websockets';
import { accountRoom, type RealtimeEvent } from '@portico/domain';
import type { Server, Socket } from 'socket.io';
import { z } from 'zod';
import { AccessService, TokenService, type SessionUser } from '../../core/auth';
import { EventBus } from '../../core/events/event-bus.port';

/** `join_account` payload. */
export const joinAccountSchema = z.object({ accountId: z.string().min(1).max(100) });

/** `join_account` acknowledgement. */
export type JoinAck = { ok: true } | { ok: false; code: 'validation_failed' | 'not_found' | 'unauthenticated' };

/** Reads one cookie from a `Cookie` header. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

/**
 * socket.io on the BFF's port (path `/socket.io`). The handshake must carry a valid access cookie
 * (`portico_at`); a client then joins its accounts' rooms with `join_account` (membership checked) and receives
 * every {@link RealtimeEvent} of those accounts as a socket.io event named after `event.type`.
 */
// CORS (PORTAL_ORIGIN with credentials) is set by the application's socket.io adapter.
@WebSocketGateway()
export class RealtimeGateway implements OnGatewayInit, OnModuleDestroy {
  private readonly logger = new Logger(RealtimeGateway.name);
  private unsubscribe: (() => void) | undefined;

  @WebSocketServer()
  private server!: Server;

  constructor(
    private readonly tokens: TokenService,
    private readonly access: AccessService,
    private readonly bus: EventBus,
  ) {}

  /** Installs the handshake authentication and starts relaying events from the bus. */
  afterInit(server: Server): void {
    server.use((socket, next) => {
      const token = readCookie(socket.handshake.headers.cookie, this.tokens.accessCookieName);
      const user = token === undefined ? null : this.tokens.verifyAccessToken(token);
      if (user === null) {
        next(new Error('unauthenticated'));
        return;
      }
      (socket.data as { user?: SessionUser }).user = user;
      next();
    });
    this.unsubscribe = this.bus.subscribe((event: RealtimeEvent) => {
      server.to(accountRoom(event.accountId)).emit(event.type, event);
    });
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  /** Joins `account:<accountId>` when the user is a member; acknowledges `{ ok }`. */
  @SubscribeMessage('join_account')
  async joinAccount(@ConnectedSocket() socket: Socket, @MessageBody() body: unknown): Promise<JoinAck> {
    const user = (socket.data as { user?: SessionUser }).user;
    if (user === undefined) return { ok: false, code: 'unauthenticated' };
    const parsed = joinAccountSchema.safeParse(body);
    if (!parsed.success) return { ok: false, code: 'validation_failed' };
    const membership = await this.access.findMembership(user.userId, parsed.data.accountId).catch(() => null);
    if (membership === null) return { ok: false, code: 'not_found' };
    await socket.join(accountRoom(membership.accountId));
    this.logger.debug({ accountId: membership.accountId }, 'socket joined account room');
    return { ok: true };
  }
}
