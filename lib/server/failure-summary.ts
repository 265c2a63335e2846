import "server-only";
import { buildExecutionReport } from "@/lib/analysis";
import type { HistoryEvent } from "@/lib/domain/history-event";
import type { Failure } from "@/lib/domain/report";

/** What the fleet list shows of a failure: origin state, error, cause, kind. */
export type FailureSummary = Pick<Failure, "state" | "path" | "error" | "cause" | "kind">;

/**
 * The failure of a closed execution from its newest history page (fetched with reverseOrder, no
 * payloads): the terminal event and the state that raised it are on that page.
 */
export function summariseFailure(eventsNewestFirst: readonly HistoryEvent[], nowMs: number): FailureSummary | null {
  try {
    const report = buildExecutionReport([...eventsNewestFirst].reverse(), { now: nowMs, complete: false });
    const failure = report.failure;
    if (!failure) return null;
    // An execution-level timeout belongs to no state; name where it was waiting instead of showing nothing.
    const waitingIn = failure.path === null ? (failure.activePaths?.[0] ?? null) : null;
    return { state: failure.state ?? waitingIn, path: failure.path ?? waitingIn, error: failure.error, cause: failure.cause, kind: failure.kind };
  } catch {
    // A page the analyser can't read yields no summary; the row still lists the execution.
    return null;
  }
}
