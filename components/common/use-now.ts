"use client";
import { useCallback, useSyncExternalStore } from "react";

/**
 * The browser's clock, ticking every `intervalMs`, so ages ("12 s ago") keep counting. While hydrating it
 * returns `initialMs` (a time the server also knows, e.g. when it served the data), so the server's HTML and
 * the browser's first render agree and hydration doesn't trip over a moving clock.
 */
export function useNow(initialMs: number, intervalMs = 1000): number {
  const subscribe = useCallback(
    (onTick: () => void) => {
      const timer = setInterval(onTick, intervalMs);
      return () => clearInterval(timer);
    },
    [intervalMs],
  );
  // Rounded to the tick, so the snapshot stays the same value between ticks, as React requires.
  const read = useCallback(() => Math.floor(Date.now() / intervalMs) * intervalMs, [intervalMs]);
  return useSyncExternalStore(subscribe, read, () => initialMs);
}
