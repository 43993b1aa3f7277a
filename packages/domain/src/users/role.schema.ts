import { z } from 'zod';

/** A member's role in one account. */
export const roleSchema = z.enum(['owner', 'admin', 'billing', 'technical', 'viewer']);
export type Role = z.infer<typeof roleSchema>;
