import { PAYLOAD_LIMIT_BYTES } from "../limits";
import type { ExecutionReport, StateReport } from "@/lib/domain/report";

/** Formats seconds the way an engineer reads them in a headline. */
function seconds(ms: number): string {
  const s = ms / 1000;
  if (s < 120) return `${s < 10 ? s.toFixed(1) : Math.round(s)} s`;
  if (s < 7200) return `${Math.round(s / 60)} min`;
  return `${(s / 3600).toFixed(1)} h`;
}

function retryNote(state: StateReport | undefined, error: string | null, retriedErrors: Set<string | null>): string {
  if (!state) return "";
  if (state.retries > 0) return `; retried ${state.retries} time${state.retries === 1 ? "" : "s"} first`;
  if (error && !retriedErrors.has(error)) return `; no retry for ${error}`;
  return "";
}

/**
 * One line, in plain words, saying what ended the execution — e.g. "TransformFile timed out after
 * 300 s; no retry for States.Timeout". Null when nothing failed.
 */
export function describeFailure(report: ExecutionReport): string | null {
  const failure = report.failure;
  if (!failure) return null;
  const state = failure.path ? report.states.find((s) => s.path === failure.path) : undefined;
  const name = failure.state ?? "The execution";
  const retried = new Set(report.handledErrors.filter((h) => h.handledBy.kind === "retry" && h.path === failure.path).map((h) => h.error));
  const took = state?.durationMs.last ?? null;
  switch (failure.kind) {
    case "task-timeout":
      return `${name} timed out${took !== null ? ` after ${seconds(took)}` : ""}${retryNote(state, failure.error, retried)}`;
    case "heartbeat-timeout":
      return `${name} missed its heartbeat${took !== null ? ` after ${seconds(took)}` : ""}${retryNote(state, failure.error, retried)}`;
    case "execution-timeout":
    {
      // An execution-level timeout belongs to no state; the analyser says which were still active.
      const waitingIn = failure.state ?? failure.activePaths?.[0] ?? null;
      return `The execution timed out${report.durationMs !== null ? ` after ${seconds(report.durationMs)}` : ""}${waitingIn ? ` while in ${waitingIn}` : ""} (the state machine's TimeoutSeconds)`;
    }
    case "payload-limit": {
      const bytes = state ? Math.max(state.maxInputBytes ?? 0, state.maxOutputBytes ?? 0) : 0;
      const size = bytes > PAYLOAD_LIMIT_BYTES ? `${bytes.toLocaleString("en-US")} bytes, ` : "";
      return `${name} produced a payload over the limit (${size}cap 262,144 bytes); States.DataLimitExceeded cannot be caught`;
    }
    case "history-limit":
      return `The execution reached the 25,000-event history limit${failure.state ? ` in ${failure.state}` : ""}`;
    case "fail-state":
      return `Reached the Fail state ${name}${failure.error ? ` with ${failure.error}` : ""}`;
    case "aborted":
      return "The execution was aborted (StopExecution)";
    case "runtime":
      return `${name} hit a runtime error${failure.error ? ` (${failure.error})` : ""}`;
    case "task-failed":
      return `${name} failed${failure.error ? ` with ${failure.error}` : ""}${retryNote(state, failure.error, retried)}`;
  }
}
