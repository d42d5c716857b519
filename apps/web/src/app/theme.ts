import { useSyncExternalStore } from "react";

export type Theme = "light" | "dark";

const STORAGE_KEY = "tta-theme";
const listeners = new Set<() => void>();
const darkQuery = typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)") : undefined;

/** The saved choice wins; without one the system's preference decides. */
export function initialTheme(saved: string | null, prefersDark: boolean): Theme {
  if (saved === "light" || saved === "dark") return saved;
  return prefersDark ? "dark" : "light";
}

function readSaved(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

let current: Theme = initialTheme(readSaved(), darkQuery?.matches ?? false);

/** Puts the theme on `<html data-theme>`, where the stylesheet's variables read it. */
export function applyTheme(theme: Theme = current): void {
  current = theme;
  document.documentElement.dataset.theme = theme;
  for (const listener of listeners) listener();
}

/** Switches and remembers the choice. */
export function setTheme(theme: Theme): void {
  try {
    localStorage.setItem(STORAGE_KEY, theme);
  } catch {
    // Private windows may refuse storage: the switch still holds for this page.
  }
  applyTheme(theme);
}

// Follow the system while the user has not chosen.
darkQuery?.addEventListener("change", (event) => {
  if (readSaved() === null) applyTheme(event.matches ? "dark" : "light");
});

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useTheme(): Theme {
  return useSyncExternalStore(subscribe, () => current);
}
