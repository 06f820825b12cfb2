// Light or dark: the system's preference unless the user picked one with the toggle (kept in localStorage, so a
// reload keeps it). styles.css reads data-theme on <html>; the chart reads the same CSS variables.

export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

const STORAGE_KEY = 'residual-playground.theme';
const DARK_QUERY = '(prefers-color-scheme: dark)';

export function storedThemeChoice(storage: Pick<Storage, 'getItem'> | null = safeLocalStorage()): ThemeChoice {
  try {
    const value = storage?.getItem(STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system'; // storage blocked (privacy settings): the system decides
  }
}

export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  return choice === 'system' ? (systemPrefersDark ? 'dark' : 'light') : choice;
}

function systemPrefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches;
}

/** Sets data-theme on <html> now and whenever the system's preference changes while the choice is 'system'. */
export function applyTheme(choice: ThemeChoice): Theme {
  const theme = resolveTheme(choice, systemPrefersDark());
  document.documentElement.dataset.theme = theme;
  return theme;
}

export function saveThemeChoice(choice: ThemeChoice): void {
  try {
    if (choice === 'system') safeLocalStorage()?.removeItem(STORAGE_KEY);
    else safeLocalStorage()?.setItem(STORAGE_KEY, choice);
  } catch {
    // not kept across reloads, but applied now
  }
  applyTheme(choice);
}

/** Follows the system while the user has not picked a theme. */
export function followSystemTheme(): void {
  applyTheme(storedThemeChoice());
  if (typeof matchMedia !== 'function') return;
  matchMedia(DARK_QUERY).addEventListener('change', () => applyTheme(storedThemeChoice()));
}

function safeLocalStorage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}
