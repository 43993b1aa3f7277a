import { z } from 'zod';
import { PASSWORD_MIN_LENGTH } from '../auth/password-rules';
import { isoTimestampSchema } from '../common/date-range.schema';
import { roleSchema } from './role.schema';

/** A person's membership of an account. */
export const memberSchema = z.object({
  userId: z.string(),
  email: z.string(),
  name: z.string(),
  role: roleSchema,
  joinedAt: isoTimestampSchema,
});
export type Member = z.infer<typeof memberSchema>;

/** Lifetime of an invite link: 7 days, in milliseconds. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

/** A pending invite (not yet accepted, not revoked). `expired` invites can be resent. */
export const inviteSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  /** Name of the member who sent (or last resent) it; null when that member is gone. */
  invitedBy: z.string().nullable(),
  createdAt: isoTimestampSchema,
  expiresAt: isoTimestampSchema,
  expired: z.boolean(),
});
export type Invite = z.infer<typeof inviteSchema>;

/** `GET /api/v1/accounts/:accountId/members`: members by name, then pending invites newest first. */
export const memberListSchema = z.object({ members: z.array(memberSchema), invites: z.array(inviteSchema) });
export type MemberList = z.infer<typeof memberListSchema>;

/** `POST /api/v1/accounts/:accountId/members/invites` body. */
export const createInviteRequestSchema = z.object({
  email: z
    .email('Enter a valid email address')
    .max(254, 'An email address has at most 254 characters')
    .transform((e) => e.trim().toLowerCase()),
  role: roleSchema,
});
export type CreateInviteRequest = z.infer<typeof createInviteRequestSchema>;

/** `PATCH /api/v1/accounts/:accountId/members/:userId` body. */
export const changeRoleRequestSchema = z.object({ role: roleSchema });
export type ChangeRoleRequest = z.infer<typeof changeRoleRequestSchema>;

/**
 * An invite token as sent in the link `/invite/<token>`: `<invite id>.<secret>` where the secret is 32 random bytes
 * in base64url (43 characters). Only an argon2id hash of the secret is stored.
 */
export const inviteTokenSchema = z
  .string()
  .trim()
  .regex(/^[0-9a-f-]{36}\.[A-Za-z0-9_-]{43,}$/i, 'Invite link is malformed');

/** `POST /api/v1/invites/lookup` body: what the acceptance page shows before accepting. */
export const inviteLookupRequestSchema = z.object({ token: inviteTokenSchema });
export type InviteLookupRequest = z.infer<typeof inviteLookupRequestSchema>;

/** `POST /api/v1/invites/lookup` answer. */
export const invitePreviewSchema = z.object({
  accountName: z.string(),
  email: z.string(),
  role: roleSchema,
  invitedBy: z.string().nullable(),
  expiresAt: isoTimestampSchema,
  /** Whether a user with the invited email exists (then accepting needs no name or password). */
  existingUser: z.boolean(),
});
export type InvitePreview = z.infer<typeof invitePreviewSchema>;

/** Shortest accepted password, in characters: the password policy's {@link PASSWORD_MIN_LENGTH} under its older name. */
export const MIN_PASSWORD_LENGTH = PASSWORD_MIN_LENGTH;

/**
 * `POST /api/v1/invites/accept` body. `name` and `password` are required when no user has the invited email yet
 * (the BFF answers 400 naming them otherwise); a signed-in user whose email is the invited one sends the token only.
 */
export const acceptInviteRequestSchema = z.object({
  token: inviteTokenSchema,
  name: z.string().trim().min(1, 'Enter your name').max(200).optional(),
  password: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `Password must have at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(1024)
    .optional(),
});
export type AcceptInviteRequest = z.infer<typeof acceptInviteRequestSchema>;

/** `POST /api/v1/invites/accept` answer: the membership now held. */
export const acceptedInviteSchema = z.object({
  accountId: z.string(),
  accountName: z.string(),
  role: roleSchema,
  email: z.string(),
  /** True when the user was created by this acceptance (they sign in next). */
  userCreated: z.boolean(),
});
export type AcceptedInvite = z.infer<typeof acceptedInviteSchema>;

/** `PUT /api/v1/me/last-account` body. */
export const lastAccountRequestSchema = z.object({ accountId: z.guid('accountId must be an account id') });
export type LastAccountRequest = z.infer<typeof lastAccountRequestSchema>;
