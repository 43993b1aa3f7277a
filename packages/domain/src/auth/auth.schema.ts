import { z } from 'zod';
import { roleSchema } from '../users/role.schema';

/** `POST /api/v1/auth/login` body. */
export const loginRequestSchema = z.object({
  email: z.email().max(320),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/** The signed-in user. */
export const userSchema = z.object({ id: z.string(), email: z.string(), name: z.string() });
export type User = z.infer<typeof userSchema>;

/** One account the user belongs to, with the role held there. */
export const membershipSchema = z.object({ accountId: z.string(), accountName: z.string(), role: roleSchema });
export type Membership = z.infer<typeof membershipSchema>;

/** `GET /api/v1/me` (also the body of a successful login or refresh). */
export const meSchema = z.object({
  user: userSchema,
  memberships: z.array(membershipSchema),
  /** The user operates this Portico installation (the `/admin` area); not an account role. */
  platformAdmin: z.boolean().default(false),
  /** The account the user opened last (`PUT /api/v1/me/last-account`), null before any; `/` opens it. */
  lastAccountId: z.string().nullable().optional(),
});
export type Me = z.infer<typeof meSchema>;
