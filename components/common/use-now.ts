"use client";
import { useEffect, useState } from "react";

/**
 * The browser's clock, re-read every `intervalMs`, so ages ("12 s ago") keep counting. Until the first
 * effect runs it returns `initialMs` (a time the server also knows, e.g. when it served the data), so the
 * server's HTML and the browser's first render agree and hydration doesn't trip over a moving clock.
 */
export function useNow(initialMs: number, intervalMs = 1000): number {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now ?? initialMs;
}
