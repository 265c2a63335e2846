import "server-only";
import { buildExecutionReport, isHistoryError } from "@/lib/analysis";
import { describeFailure } from "@/lib/analysis/headline/describe-failure";
import type { HistoryEvent } from "@/lib/domain/history-event";
import type { Failure, FailureOrigin } from "@/lib/domain/report";

/** What the fleet list shows of a failure: the final state, error, cause and kind, its root cause, and the words. */
export type FailureSummary = Pick<Failure, "state" | "path" | "error" | "cause" | "kind"> & {
  /** Where a caught error was raised before the run ended (Catch → … → Fail): shown beside the final error. */
  origin: FailureOrigin | null;
  /** The failure in words, from the one producer the execution page's headline uses too. */
  headline: string | null;
};

/**
 * The failure of a closed execution from its newest history page (fetched with reverseOrder, no
 * payloads): the terminal event and the state that raised it are on that page.
 */
export function summariseFailure(eventsNewestFirst: readonly HistoryEvent[], nowMs: number, definition: string | null = null): FailureSummary | null {
  try {
    const events = [...eventsNewestFirst].reverse();
    let report;
    try {
      report = buildExecutionReport(events, { now: nowMs, complete: false, definition });
    } catch (error) {
      // A definition the analyser can't read (or one since redeployed) must not hide the failure.
      if (definition === null || !isHistoryError(error)) throw error;
      report = buildExecutionReport(events, { now: nowMs, complete: false });
    }
    const failure = report.failure;
    if (!failure) return null;
    // An execution-level timeout belongs to no state; name where it was waiting instead of showing nothing.
    const waitingIn = failure.path === null ? (failure.activePaths?.[0] ?? null) : null;
    return {
      state: failure.state ?? waitingIn,
      path: failure.path ?? waitingIn,
      error: failure.error,
      cause: failure.cause,
      kind: failure.kind,
      origin: failure.origin ?? null,
      headline: describeFailure(report),
    };
  } catch {
    // A page the analyser can't read yields no summary; the row still lists the execution.
    return null;
  }
}
