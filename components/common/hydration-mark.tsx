"use client";
import { useEffect } from "react";

/**
 * Marks the document once React has hydrated it (data-hydrated = ms since navigation start): the bench's
 * time to interactive reads it, and e2e tests wait on it instead of guessing when clicks start to work.
 */
export function HydrationMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = String(Math.round(performance.now()));
  }, []);
  return null;
}
