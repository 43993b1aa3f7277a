import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequestState } from '../../core/auth/session.types';

/** Who did something, from where: the request half of an audit record. */
export interface RequestAuditContext {
  /** The account of the route (set by AccountMemberGuard), else null. */
  accountId: string | null;
  /** The signed-in user, else null. */
  actorUserId: string | null;
  /** Client IP (Fastify's `request.ip`, which honours X-Forwarded-For behind the proxy). */
  ip: string | null;
  /** `User-Agent` header, cut to 512 characters. */
  userAgent: string | null;
  /** The request id (also the `x-request-id` response header). */
  requestId: string | null;
}

/** Who is calling, without the route's account and user: what sessions and audit events record of a request. */
export type ClientMeta = Pick<RequestAuditContext, 'ip' | 'userAgent' | 'requestId'>;

/**
 * The request half of an audit record from a {@link ClientMeta}: exactly `ip`, `userAgent` and `requestId` (a meta
 * taken by {@link AuditContext} also carries the route's account and user, which the caller sets itself).
 */
export function clientMetaOf(meta: ClientMeta): ClientMeta {
  return { ip: meta.ip, userAgent: meta.userAgent, requestId: meta.requestId };
}

type RequestLike = AuthenticatedRequestState & {
  ip?: string;
  id?: string | number;
  headers?: Record<string, unknown>;
};

/** The {@link RequestAuditContext} of a Fastify request. */
export function auditContextOf(request: RequestLike): RequestAuditContext {
  const ua = request.headers?.['user-agent'];
  return {
    accountId: request.account?.accountId ?? null,
    actorUserId: request.user?.userId ?? null,
    ip: request.ip ?? null,
    userAgent: typeof ua === 'string' ? ua.slice(0, 512) : null,
    requestId: request.id === undefined ? null : String(request.id),
  };
}

/**
 * Handler parameter with the request's {@link RequestAuditContext}, so a caller records an event with
 * `this.audit.record({ ...ctx, action: 'members.role_changed', target: memberId })`.
 */
export const AuditContext = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): RequestAuditContext =>
    auditContextOf(ctx.switchToHttp().getRequest<RequestLike>()),
);
