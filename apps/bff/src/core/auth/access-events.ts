import { z } from 'zod';

/**
 * Changes to who may see what, published on the {@link EventBus} by whoever makes them (the BFF's auth, members and
 * account-security use cases) so that every process holding long-lived connections (the realtime gateway) can drop
 * what the change affects at once. They are internal to the BFF: never sent to clients.
 * - `session_revoked`: the sessions (refresh-token families) were revoked (logout, revocation by the user, password
 *   change or reset, refresh-token reuse);
 * - `membership_changed`: the user's membership of the account changed (role changed, member removed);
 * - `user_access_changed`: a fact of the user that gates access changed (two-factor turned on or off);
 * - `account_access_changed`: a fact of the account that gates access changed (its two-factor requirement, its links).
 */
export const accessChangeSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('session_revoked'),
    sessionIds: z.array(z.string().min(1).max(100)).min(1).max(1000),
  }),
  z.object({
    type: z.literal('membership_changed'),
    userId: z.string().min(1).max(100),
    accountId: z.string().min(1).max(100),
  }),
  z.object({ type: z.literal('user_access_changed'), userId: z.string().min(1).max(100) }),
  z.object({ type: z.literal('account_access_changed'), accountId: z.string().min(1).max(100) }),
]);

/** One access change (see {@link accessChangeSchema}). */
export type AccessChange = z.infer<typeof accessChangeSchema>;
