import "server-only";
import { buildExecutionReport } from "@/lib/analysis";
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
export function summariseFailure(eventsNewestFirst: readonly HistoryEvent[], nowMs: number): FailureSummary | null {
  try {
    const report = buildExecutionReport([...eventsNewestFirst].reverse(), { now: nowMs, complete: false });
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
