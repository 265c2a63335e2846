import type { ExecutionStatus } from "@/lib/domain/execution";
import type { AttemptReport } from "@/lib/domain/report";
import type { Attribution } from "./attribution";
import type { StateMachineDefinition } from "./definition";
import { findAttemptFailure } from "./failure";
import { toIsoString } from "./timestamps";

/**
 * One report per run of the execution. A redrive (ExecutionRedriven) appends a new run to the same
 * history, resets retry counters and bills its transitions again, so each run is analysed on its own too.
 */
export function buildAttemptReports(
  attribution: Attribution,
  definition: StateMachineDefinition | null,
  lastStatus: ExecutionStatus,
): AttemptReport[] {
  const { events } = attribution.history;
  return attribution.attempts.map((attempt, index) => {
    const terminal = attempt.terminalPos;
    const isLast = index === attribution.attempts.length - 1;
    return {
      index,
      firstEventId: events[attempt.startPos]!.id,
      lastEventId: events[attempt.endPos]!.id,
      startedAt: toIsoString(events[attempt.startPos]!.timestamp) ?? "",
      stoppedAt: terminal >= 0 ? toIsoString(events[terminal]!.timestamp) : null,
      // An attempt without its terminal event is still running, unless a later attempt followed it.
      status: attempt.status ?? (isLast ? lastStatus : "FAILED"),
      failure: findAttemptFailure(attribution, attempt, definition),
      transitions: attempt.transitions,
      events: attempt.endPos - attempt.startPos + 1,
      redrive: events[attempt.startPos]!.type === "ExecutionRedriven",
    };
  });
}
