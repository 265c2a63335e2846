"use client";
import { useQueries } from "@tanstack/react-query";
import { useMemo } from "react";
import { formatCount } from "@/lib/analysis/format";
import { buildIterationOverlay } from "@/lib/analysis/graph/iteration-overlay";
import type { GraphOverlay } from "@/lib/analysis/graph/overlay";
import type { StateGraphModel } from "@/lib/analysis/graph/state-graph-model";
import { executionEventsQuery } from "@/lib/queries/options";
import type { IterationPick } from "./graph-toolbar";

// The same query the details panel's visits use (state-visits.tsx), so a state's events are fetched once.
const LIMIT = 5000;

/** The overlay for the picked Map iteration (its states' events, loaded on demand), else the execution's. */
export function useIterationOverlay(model: StateGraphModel | null, overlay: GraphOverlay | null, arn: string | null, pick: IterationPick): { overlay: GraphOverlay | null; status: string | null } {
  const paths = useMemo(() => (pick && model ? model.states.filter((s) => s.path.startsWith(`${pick.mapPath}/`)).map((s) => s.path) : []), [model, pick]);
  const results = useQueries({ queries: arn ? paths.map((state) => executionEventsQuery(arn, { state, limit: LIMIT })) : [] });
  const pending = results.some((r) => r.isPending);
  const failed = results.find((r) => r.isError);
  const truncated = results.some((r) => r.data && r.data.matched > r.data.events.length);
  // `results` is a new array each render; when each query's data last changed says when to paint again.
  const stamp = results.map((r) => r.dataUpdatedAt).join(",");
  const painted = useMemo(() => {
    const data = results.map((r) => r.data);
    if (!pick || !overlay || data.some((d) => !d)) return null;
    return buildIterationOverlay(overlay, pick.mapPath, pick.iteration, data.flatMap((d) => d!.events));
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [pick, overlay, stamp]);
  if (!pick || !arn) return { overlay, status: null };
  if (failed) return { overlay, status: `Iteration ${pick.iteration} could not be loaded: ${failed.error?.message ?? "error"}` };
  if (pending || !painted) return { overlay, status: `Loading iteration ${pick.iteration}…` };
  return {
    overlay: painted,
    status: `Showing iteration ${pick.iteration} of ${pick.mapPath}${truncated ? ` (from each state's newest ${formatCount(LIMIT)} events)` : ""}`,
  };
}
