import { Algorithm, hash, verify } from '@node-rs/argon2';

/**
 * argon2id parameters (OWASP's minimum for argon2id): 19 MiB of memory (`memoryCost` in KiB), 2 passes, 1 lane.
 * Hashes are PHC strings (`$argon2id$v=19$m=...`) that carry their parameters, so raising these later keeps old
 * hashes verifiable.
 */
export const ARGON2ID_OPTIONS = {
  algorithm: Algorithm.Argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
} as const;

/** Hashes a password with argon2id (prebuilt native binding, no compiler needed at install). */
export function hashPassword(plain: string): Promise<string> {
  return hash(plain, ARGON2ID_OPTIONS);
}

/**
 * Verifies a password against a stored PHC hash.
 * @returns false for a wrong password or a malformed hash (never throws)
 */
export async function verifyPassword(storedHash: string, plain: string): Promise<boolean> {
  try {
    return await verify(storedHash, plain);
  } catch {
    return false;
  }
}
