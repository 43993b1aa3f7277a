import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * AES-256-GCM encryption of small secrets at rest (TOTP secrets, identity provider client secrets). The stored form is
 * `v1.<iv>.<tag>.<ciphertext>` (base64url parts; 96-bit random IV, 128-bit tag), so a key or format change can be
 * told apart later.
 */
export class SecretBox {
  private readonly key: Buffer;

  /** @param keyBase64 32 bytes, base64 or base64url (`MFA_ENCRYPTION_KEY`) @throws Error for another length */
  constructor(keyBase64: string) {
    this.key = Buffer.from(keyBase64, 'base64url');
    if (this.key.length !== 32) throw new Error('SecretBox needs a 32-byte key');
  }

  /**
   * Encrypts UTF-8 `plain`.
   * @param aad additional authenticated data (e.g. the owning row's id): not stored, but {@link open} must be given
   *   the same value, so a sealed value copied to another row does not open
   */
  seal(plain: string, aad?: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    if (aad !== undefined) cipher.setAAD(Buffer.from(aad, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [
      VERSION,
      iv.toString('base64url'),
      cipher.getAuthTag().toString('base64url'),
      ciphertext.toString('base64url'),
    ].join('.');
  }

  /**
   * Decrypts a value made by {@link seal}.
   * @param aad the additional authenticated data given to {@link seal}
   * @throws Error when the value is malformed, was made with another key or another `aad`, or was tampered with
   */
  open(sealed: string, aad?: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || ciphertext === undefined)
      throw new Error('malformed sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    if (aad !== undefined) decipher.setAAD(Buffer.from(aad, 'utf8'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString(
      'utf8',
    );
  }
}
