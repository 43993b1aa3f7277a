'use client';

import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { THEME_COOKIE, writePreferenceCookie, type ThemeChoice } from './theme';

interface ThemeState {
  theme: ThemeChoice;
  setTheme: (theme: ThemeChoice) => void;
}

const ThemeContext = createContext<ThemeState>({ theme: 'system', setTheme: () => undefined });

/**
 * Holds the theme choice the server rendered with (from the cookie) and applies a new one at once: `data-theme` on
 * `<html>` (absent for "system", so the `prefers-color-scheme` media query decides) and the cookie for later requests.
 */
export function ThemeProvider({ initial, children }: { initial: ThemeChoice; children: ReactNode }) {
  const [theme, setState] = useState<ThemeChoice>(initial);
  const setTheme = useCallback((next: ThemeChoice) => {
    setState(next);
    if (next === 'system') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', next);
    writePreferenceCookie(THEME_COOKIE, next === 'system' ? null : next);
  }, []);
  const value = useMemo(() => ({ theme, setTheme }), [theme, setTheme]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

/** The current theme choice and the way to change it. */
export function useTheme(): ThemeState {
  return useContext(ThemeContext);
}
