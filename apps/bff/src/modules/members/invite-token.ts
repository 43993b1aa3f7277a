import { randomBytes } from 'node:crypto';
import { hashPassword, verifyPassword } from '../../core/auth/password-hasher';

/** Random bytes in an invite secret (256 bits). */
export const INVITE_SECRET_BYTES = 32;

/** A minted invite link token: `token` goes into the email only; `hash` is stored. */
export interface MintedInviteToken {
  /** `<invite id>.<secret>`, the last segment of `/invite/<token>`. */
  token: string;
  /** argon2id PHC hash of the secret. */
  hash: string;
}

/** Mints a token for invite `inviteId`: 32 random bytes (base64url) hashed with argon2id. */
export async function mintInviteToken(inviteId: string): Promise<MintedInviteToken> {
  const secret = randomBytes(INVITE_SECRET_BYTES).toString('base64url');
  return { token: `${inviteId}.${secret}`, hash: await hashPassword(secret) };
}

/** Splits a token (already shape-checked by the domain's `inviteTokenSchema`) into invite id and secret. */
export function parseInviteToken(token: string): { inviteId: string; secret: string } {
  const dot = token.indexOf('.');
  return { inviteId: token.slice(0, dot).toLowerCase(), secret: token.slice(dot + 1) };
}

/** Whether `secret` matches the stored argon2id `hash` (false for a malformed hash; never throws). */
export function verifyInviteSecret(hash: string, secret: string): Promise<boolean> {
  return verifyPassword(hash, secret);
}
