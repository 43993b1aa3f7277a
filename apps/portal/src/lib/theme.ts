/** The colour theme the user chose: follow the system setting, or always light or dark. */
export type ThemeChoice = 'system' | 'light' | 'dark';

/** The theme choices in switcher order. */
export const THEME_CHOICES: readonly ThemeChoice[] = ['system', 'light', 'dark'];

/**
 * Cookie holding the theme choice (`light` | `dark`; absent means follow the system). The server reads it to put
 * `data-theme` on `<html>`, so the first paint already has the right colours (no flash).
 */
export const THEME_COOKIE = 'portico_theme';

/** The choice a cookie value stands for; anything unknown means "system". */
export function themeFromCookie(value: string | undefined): ThemeChoice {
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** One year, in seconds: how long the theme and language cookies are kept. */
export const PREFERENCE_COOKIE_MAX_AGE = 365 * 24 * 60 * 60;

/** Writes a preference cookie for the whole site (readable by the server on the next request), or clears it. */
export function writePreferenceCookie(name: string, value: string | null): void {
  const maxAge = value === null ? 0 : PREFERENCE_COOKIE_MAX_AGE;
  document.cookie = `${name}=${value === null ? '' : encodeURIComponent(value)}; Path=/; Max-Age=${maxAge}; SameSite=Lax`;
}
