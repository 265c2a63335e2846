import type { ExecutionStatus } from "@/lib/domain/execution";
import type { RunReport } from "@/lib/domain/report";
import type { Attribution } from "./attribution";
import type { StateMachineDefinition } from "../definition";
import { findRunFailure } from "./failure";
import { toIsoString } from "../timestamps";

/**
 * One report per run of the execution. A redrive (ExecutionRedriven) appends a new run to the same
 * history, resets retry counters and bills its transitions again, so each run is analysed on its own too.
 */
export function buildRunReports(
  attribution: Attribution,
  definition: StateMachineDefinition | null,
  lastStatus: ExecutionStatus,
): RunReport[] {
  const { events } = attribution.history;
  return attribution.runs.map((run, index) => {
    const terminal = run.terminalPos;
    const isLast = index === attribution.runs.length - 1;
    return {
      index,
      firstEventId: events[run.startPos]!.id,
      lastEventId: events[run.endPos]!.id,
      startedAt: toIsoString(events[run.startPos]!.timestamp) ?? "",
      stoppedAt: terminal >= 0 ? toIsoString(events[terminal]!.timestamp) : null,
      // A run without its terminal event is still running, unless a later run followed it.
      status: run.status ?? (isLast ? lastStatus : "FAILED"),
      failure: findRunFailure(attribution, run, definition),
      transitions: run.transitions,
      events: run.endPos - run.startPos + 1,
      redrive: events[run.startPos]!.type === "ExecutionRedriven",
    };
  });
}
