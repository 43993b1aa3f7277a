import { z } from 'zod';
import { isoTimestampSchema } from '../common/date-range.schema';

/** Security and administrative actions recorded in the audit log. */
export const auditActionSchema = z.enum([
  'auth.login_succeeded',
  'auth.login_failed',
  'auth.logout',
  'auth.refresh_reused',
  'auth.login_locked',
  'auth.session_revoked',
  'auth.mfa_enabled',
  'auth.mfa_disabled',
  'auth.mfa_failed',
  'auth.mfa_recovery_code_used',
  'auth.password_changed',
  'auth.password_reset_requested',
  'auth.password_reset',
  'account.mfa_requirement_changed',
  'support.case_created',
  'webhook.received',
  'webhook.replayed',
  'member.invited',
  'member.invite_accepted',
  'member.invite_resent',
  'member.invite_revoked',
  'member.role_changed',
  'member.removed',
]);
export type AuditAction = z.infer<typeof auditActionSchema>;

/** One append-only audit record. */
export const auditEventSchema = z.object({
  id: z.string(),
  accountId: z.string().nullable(),
  actorUserId: z.string().nullable(),
  action: auditActionSchema,
  target: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestId: z.string().nullable(),
  occurredAt: isoTimestampSchema,
});
export type AuditEvent = z.infer<typeof auditEventSchema>;
