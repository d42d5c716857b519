import { useCallback, useSyncExternalStore } from "react";

/** Below this width the run page lists its steps as a timeline instead of drawing the graph. */
export const TIMELINE_MEDIA = "(max-width: 699px)";

/**
 * Whether a media query matches now, following changes (a rotated phone, a resized window). For
 * where React must pick a component; anything CSS can restyle stays in the stylesheet.
 * @example const narrow = useMediaQuery(TIMELINE_MEDIA);
 */
export function useMediaQuery(query: string): boolean {
  const subscribe = useCallback(
    (onChange: () => void) => {
      const list = window.matchMedia(query);
      list.addEventListener("change", onChange);
      return () => list.removeEventListener("change", onChange);
    },
    [query],
  );
  return useSyncExternalStore(subscribe, () => window.matchMedia(query).matches);
}
