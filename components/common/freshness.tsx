"use client";
import { formatAge } from "@/lib/analysis/format";
import { useNow } from "./use-now";

interface Props {
  /** When the data on screen was last fetched good from AWS. */
  updatedAt: string | null;
  /** The server's or the browser's last failure, if the data is no longer fresh. */
  error: { kind: string; message: string } | null;
  /** Data older than this is stale even without an error. */
  staleAfterMs: number;
}

/** "Last updated just now" / "Last updated N s ago", always visible; stale data is marked with its age and the reason. */
export function Freshness({ updatedAt, error, staleAfterMs }: Props) {
  const now = useNow(updatedAt ? Date.parse(updatedAt) : 0);
  if (!updatedAt) {
    return (
      <p role="status" className={error ? "stale" : "muted"} data-testid="freshness">
        {error ? `No data yet: ${error.message}` : "Waiting for the first poll…"}
      </p>
    );
  }
  const updatedMs = Date.parse(updatedAt);
  const ageMs = Math.max(0, now - updatedMs);
  const stale = error !== null || ageMs > staleAfterMs;
  return (
    <p role="status" className={stale ? "stale" : "muted"} data-testid="freshness" data-stale={stale}>
      {stale ? "Stale: " : ""}Last updated {formatAge(updatedMs, updatedMs + ageMs)}
      {error ? ` — ${error.kind === "throttled" ? "AWS is throttling us" : "last refresh failed"}: ${error.message}` : ""}
    </p>
  );
}
