import { z } from 'zod';
import { PERMISSIONS } from './permissions';

/** A member's permission in one account, one of {@link PERMISSIONS}. */
export const permissionSchema = z.enum(PERMISSIONS);
