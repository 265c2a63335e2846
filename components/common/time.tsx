"use client";
import { useSyncExternalStore } from "react";
import { formatUtc } from "@/lib/analysis/format";

const noSubscribe = () => () => {};

/** A time in UTC; the reader's local time on hover (computed only in the browser). */
export function Time({ iso }: { iso: string | null | undefined }) {
  const local = useSyncExternalStore(
    noSubscribe,
    () => (iso ? new Date(iso).toLocaleString() : ""),
    () => "",
  );
  if (!iso) return <span className="muted">—</span>;
  return (
    <time dateTime={iso} title={local ? `Local: ${local}` : undefined}>
      {formatUtc(iso)}
    </time>
  );
}
