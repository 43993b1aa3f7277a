// No zod here: the portal words password errors on its first page load without the schema library.

/** Shortest accepted password, characters (a passphrase of {@link PASSPHRASE_MIN_WORDS} words may be shorter). */
export const PASSWORD_MIN_LENGTH = 12;
/** Words (runs of 2+ letters or digits) that make a passphrase acceptable below {@link PASSWORD_MIN_LENGTH}. */
export const PASSPHRASE_MIN_WORDS = 4;

/** The password rules that need no word list, by name (the portal words them in the page's language). */
export const PASSWORD_RULES = ['length', 'no_email', 'not_one_character'] as const;
export type PasswordRule = (typeof PASSWORD_RULES)[number];

/**
 * The password rules `password` breaks, in {@link PASSWORD_RULES} order: at least {@link PASSWORD_MIN_LENGTH}
 * characters or a passphrase of {@link PASSPHRASE_MIN_WORDS}+ words (`length`), not containing the local part of the
 * user's email of 3+ characters (`no_email`), not one character repeated (`not_one_character`). The BFF also refuses
 * passwords found in a common-password list.
 * @returns the broken rules (empty when none)
 */
export function brokenPasswordRules(password: string, email: string | null): PasswordRule[] {
  const broken: PasswordRule[] = [];
  const words = password.split(/[\s\-_.,;:]+/).filter((w) => w.length >= 2);
  if (password.length < PASSWORD_MIN_LENGTH && words.length < PASSPHRASE_MIN_WORDS) broken.push('length');
  const local = email?.split('@')[0]?.toLowerCase() ?? '';
  if (local.length >= 3 && password.toLowerCase().includes(local)) broken.push('no_email');
  if (password.length > 0 && new Set(password).size === 1) broken.push('not_one_character');
  return broken;
}
