"use client";
import { useQuery } from "@tanstack/react-query";
import { Clock, Globe } from "lucide-react";
import { formatAge } from "@/lib/analysis/format";
import { fleetQuery } from "@/lib/queries/options";
import { useNow } from "./use-now";

/** The header's right side: the watched regions and how old the fleet data is ("just now", "12 s ago"). */
export function HeaderStatus() {
  const fleet = useQuery(fleetQuery());
  const snapshot = fleet.data;
  const updatedMs = snapshot?.updatedAt ? Date.parse(snapshot.updatedAt) : null;
  // Until the browser's clock ticks, ages are measured from when the server served the snapshot (same text on both).
  const now = useNow(snapshot ? Date.parse(snapshot.servedAt) : 0, 5000);
  const stale = fleet.isRefetchError || snapshot?.error != null;
  return (
    <div className="header-status" data-testid="header-status">
      <span>
        <Globe size={14} aria-hidden className="icon" />
        <span className="sr-only">Regions: </span>
        {snapshot ? snapshot.regions.join(", ") : "…"}
      </span>
      <span className={stale ? "status-TIMED_OUT" : undefined} data-testid="header-freshness">
        <Clock size={14} aria-hidden className="icon" />
        {snapshot ? (updatedMs === null ? "no fleet data yet" : `fleet data ${formatAge(updatedMs, Math.max(now, updatedMs))}${stale ? " (stale)" : ""}`) : "fleet data loading"}
      </span>
    </div>
  );
}
