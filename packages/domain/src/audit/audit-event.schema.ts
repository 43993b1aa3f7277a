import { z } from 'zod';
import { isoTimestampSchema } from '../common/date-range.schema';
import { pageOf, pageQuerySchema } from '../common/pagination.schema';

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
  /** A user's identity at the OpenID provider linked to their Portico user (first sign-in through it). */
  'auth.identity_linked',
  'account.mfa_requirement_changed',
  'support.case_created',
  'support.case_commented',
  'billing.payment_handoff',
  'billing.payment_methods_handoff',
  'subscription.cancellation_requested',
  'webhook.received',
  'webhook.replayed',
  'admin.account_created',
  'admin.account_linked',
  /** A platform administrator set (created or changed) an account's OpenID Connect identity provider. */
  'admin.identity_provider_created',
  'admin.identity_provider_updated',
  'admin.identity_provider_deleted',
  /** An existing user joined an account at a sign-in through that account's identity provider (JIT membership). */
  'member.joined_through_identity_provider',
  'member.invited',
  'member.invite_accepted',
  'member.invite_resent',
  'member.invite_revoked',
  'member.role_changed',
  'member.removed',
  /** A member created at their first sign-in through the identity provider (OIDC_JIT_ACCOUNT_ID). */
  'member.joined_just_in_time',
  'usage.api_key_created',
  'usage.api_key_revoked',
  'usage.alert_created',
  'usage.alert_updated',
  'usage.alert_deleted',
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

/** Free-form details of an event (never passwords, tokens or full emails). */
export const auditMetadataSchema = z.record(
  z.string(),
  z.union([z.string(), z.number(), z.boolean(), z.null()]),
);
export type AuditMetadata = z.infer<typeof auditMetadataSchema>;

/** Who did it, as the audit page shows them: name and a masked email (`o***@acme.example`). */
export const auditActorSchema = z.object({ id: z.string(), name: z.string(), maskedEmail: z.string() });
export type AuditActor = z.infer<typeof auditActorSchema>;

/**
 * An audit event as `GET /api/v1/accounts/:accountId/audit-events` lists it: the record plus its actor (null for
 * system events and unknown actors) and metadata. The action is a plain string there, so that events of actions
 * added later still list (the portal labels unknown ones generically).
 */
export const auditEventViewSchema = auditEventSchema.extend({
  action: z.string(),
  actor: auditActorSchema.nullable(),
  metadata: auditMetadataSchema.nullable(),
});
export type AuditEventView = z.infer<typeof auditEventViewSchema>;

const blankToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);

/**
 * `GET .../audit-events` query (and `.csv`, which ignores the paging): `action` (one action), `actor` (a user id or
 * an email, exact, case-insensitive), `from` (inclusive) and `to` (exclusive) ISO timestamps, `page` / `pageSize`
 * (newest first). Blank values count as unset.
 */
export const auditEventQuerySchema = z
  .object({
    ...pageQuerySchema.shape,
    action: z.preprocess(blankToUndefined, auditActionSchema.optional()),
    actor: z.preprocess(blankToUndefined, z.string().trim().max(320).optional()),
    from: z.preprocess(blankToUndefined, isoTimestampSchema.optional()),
    to: z.preprocess(blankToUndefined, isoTimestampSchema.optional()),
  })
  .refine((q) => q.from === undefined || q.to === undefined || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });
export type AuditEventQuery = z.infer<typeof auditEventQuerySchema>;

/** One page of audit events, newest first. */
export const auditEventPageSchema = pageOf(auditEventViewSchema);
export type AuditEventPage = z.infer<typeof auditEventPageSchema>;

/** Most rows one CSV export holds (the newest matching events). */
export const AUDIT_CSV_MAX_ROWS = 10_000;

/** Plain-words labels of the actions (the portal's table and the CSV). Unknown actions: {@link auditActionLabel}. */
export const AUDIT_ACTION_LABELS: Partial<Record<AuditAction, string>> = {
  'auth.login_succeeded': 'Signed in',
  'auth.login_failed': 'Failed sign-in',
  'auth.logout': 'Signed out',
  'auth.refresh_reused': 'Reused session token: sessions ended',
  'support.case_created': 'Opened a support case',
  'support.case_commented': 'Replied on a support case',
  'billing.payment_handoff': 'Went to pay an invoice in the billing system',
  'billing.payment_methods_handoff': 'Went to manage payment methods in the billing system',
  'subscription.cancellation_requested': 'Requested the cancellation of a service',
  'webhook.received': 'Webhook received',
  'admin.account_created': 'Platform admin created the account',
  'admin.account_linked': 'Platform admin changed the account\u2019s billing/CRM links',
  'admin.identity_provider_created': 'Platform admin set up the account\u2019s identity provider',
  'admin.identity_provider_updated': 'Platform admin changed the account\u2019s identity provider',
  'admin.identity_provider_deleted': 'Platform admin removed the account\u2019s identity provider',
  'member.joined_through_identity_provider': 'Joined through the company identity provider',
  'member.invited': 'Invited a member',
  'member.invite_accepted': 'Accepted an invite',
  'member.invite_resent': 'Resent an invite',
  'member.invite_revoked': 'Revoked an invite',
  'member.role_changed': 'Changed a member\u2019s role',
  'member.removed': 'Removed a member',
  'usage.api_key_created': 'Platform admin created a usage API key',
  'usage.api_key_revoked': 'Platform admin revoked a usage API key',
  'usage.alert_created': 'Created a usage alert',
  'usage.alert_updated': 'Changed a usage alert',
  'usage.alert_deleted': 'Deleted a usage alert',
};

/** The label of an action in plain words; an action without a label reads like `members.role_changed` -> "Members: role changed". */
export function auditActionLabel(action: string): string {
  const known = AUDIT_ACTION_LABELS[action as AuditAction];
  if (known) return known;
  const [area, verb] = action.split('.', 2);
  if (!verb || !area) return action;
  return `${area.charAt(0).toUpperCase()}${area.slice(1)}: ${verb.replaceAll('_', ' ')}`;
}
