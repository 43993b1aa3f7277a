import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The seller as invoice PDFs show it (`SELLER_CONFIG_PATH`, default `config/seller.json`). */
export const sellerConfigSchema = z.object({
  name: z.string().trim().min(1).max(200),
  addressLines: z.array(z.string().trim().min(1).max(200)).max(8).default([]),
  email: z.string().trim().max(320).optional(),
  phone: z.string().trim().max(60).optional(),
  website: z.string().trim().max(200).optional(),
  taxId: z.string().trim().max(60).optional(),
  /** PNG or JPEG, relative to the file (or absolute). */
  logo: z.string().trim().min(1).optional(),
});
export type SellerConfig = z.infer<typeof sellerConfigSchema>;

/** The seller details with the logo read (null when none). */
export interface Seller extends Omit<SellerConfig, 'logo'> {
  logo: Buffer | null;
}

/**
 * Reads and validates the seller file; the logo must be a PNG or JPEG.
 * @throws Error naming the file and what is wrong (at start-up, so a bad file stops the BFF early)
 */
export function loadSeller(file: string): Seller {
  if (!existsSync(file)) throw new Error(`SELLER_CONFIG_PATH: ${file} does not exist`);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(
      `SELLER_CONFIG_PATH: ${file} is not JSON (${err instanceof Error ? err.message : String(err)})`,
    );
  }
  const parsed = sellerConfigSchema.safeParse(json);
  if (!parsed.success) throw new Error(`SELLER_CONFIG_PATH: ${file}: ${z.prettifyError(parsed.error)}`);
  const { logo: logoPath, ...rest } = parsed.data;
  let logo: Buffer | null = null;
  if (logoPath !== undefined) {
    const resolved = path.resolve(path.dirname(file), logoPath);
    if (!existsSync(resolved)) throw new Error(`SELLER_CONFIG_PATH: logo ${resolved} does not exist`);
    logo = readFileSync(resolved);
    const png = logo.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const jpeg = logo[0] === 0xff && logo[1] === 0xd8;
    if (!png && !jpeg) throw new Error(`SELLER_CONFIG_PATH: logo ${resolved} must be a PNG or JPEG`);
  }
  return { ...rest, logo };
}
