import type { ExecutionStatus } from "@/lib/domain/execution";
import type { VisitReport } from "@/lib/domain/report";
import type { Attribution } from "./attribution";
import { doesWork, visitEndMs, visitOutcome } from "./state-reports";
import { toIsoString } from "../timestamps";
import type { Visit } from "./visit";

/** Rows the report carries at most: a 25,000-event Map history has thousands of visits, and the page table no more than this. */
export const VISIT_REPORT_LIMIT = 1_000;

/**
 * One row per entry into a state (the States table): its outcome, start, time in the state, attempts and
 * payload bytes, from the same attribution, outcome and end rules as the per-state reports. Over `limit`
 * visits, the ones that went wrong (failed, caught, retried, timed out, running) are kept first, then the earliest.
 */
export function buildVisitReports(
  attribution: Attribution,
  status: ExecutionStatus,
  catching: ReadonlySet<Visit>,
  nowMs: number,
  limit = VISIT_REPORT_LIMIT,
): { visits: VisitReport[]; total: number } {
  const { timesMs, events } = attribution.history;
  const running = status === "RUNNING";
  const rows = attribution.visits.map((visit): VisitReport => {
    const startMs = timesMs[visit.enteredPos]!;
    const works = doesWork(visit);
    return {
      index: visit.index,
      path: visit.path,
      name: visit.name,
      type: visit.type,
      iteration: visit.iteration,
      run: visit.run,
      outcome: visitOutcome(attribution, visit, status, catching),
      enteredEventId: events[visit.enteredPos]!.id,
      startedAt: toIsoString(events[visit.enteredPos]!.timestamp) ?? "",
      durationMs: Math.max(0, visitEndMs(attribution, visit, running, nowMs) - startMs),
      attempts: works ? visit.restarts.length : null,
      retries: works ? Math.max(0, visit.restarts.length - 1) : 0,
      inputBytes: visit.maxInputBytes >= 0 ? visit.maxInputBytes : null,
      outputBytes: visit.maxOutputBytes >= 0 ? visit.maxOutputBytes : null,
    };
  });
  if (rows.length <= limit) return { visits: rows, total: rows.length };
  const troubled = rows.filter((r) => r.outcome !== "succeeded");
  const kept = new Set(troubled.slice(0, limit).map((r) => r.index));
  for (const r of rows) {
    if (kept.size >= limit) break;
    kept.add(r.index);
  }
  return { visits: rows.filter((r) => kept.has(r.index)), total: rows.length };
}
