import { PAYLOAD_LIMIT_BYTES } from "../limits";
import { formatCount, formatSeconds } from "../format";
import type { ExecutionReport, Failure, FailureOrigin, Headline, StateReport } from "@/lib/domain/report";

/** Formats milliseconds the way an engineer reads them in a headline. */
function seconds(ms: number): string {
  return formatSeconds(ms / 1000);
}

const bytes = (n: number) => `${formatCount(n)} bytes`;
const CAP = bytes(PAYLOAD_LIMIT_BYTES);

function retryNote(state: StateReport | undefined, error: string | null, retriedErrors: Set<string | null>): string {
  if (!state) return "";
  if (state.retries > 0) return `; retried ${state.retries} time${state.retries === 1 ? "" : "s"} first`;
  if (error && !retriedErrors.has(error)) return `; no retry for ${error}`;
  return "";
}

/**
 * Which payload went over the cap, in the figure the payload table shows for that state: an output AWS recorded,
 * or the input / a Task's parameters. A result AWS rejected is never recorded, so its size is not named.
 */
function payloadWords(name: string, state: StateReport | undefined, cause: string | null): string {
  const output = state?.maxOutputBytes ?? -1;
  const input = state?.maxInputBytes ?? -1;
  const inputWhat = state?.maxInputField?.endsWith(".parameters") ? "Task parameters" : "input";
  if (output > PAYLOAD_LIMIT_BYTES) return `${name} produced ${bytes(output)} of output, over the ${CAP} cap`;
  const resultRejected = /returned a result|result with a size/i.test(cause ?? "");
  if (resultRejected || input <= PAYLOAD_LIMIT_BYTES) {
    const already = input > PAYLOAD_LIMIT_BYTES ? `; its ${inputWhat} were already ${bytes(input)}` : "";
    return `${name} returned a result over the ${CAP} cap (AWS rejected it, so the history records no size${already})`;
  }
  return `${name} could not run: its ${inputWhat} ${inputWhat === "input" ? "was" : "were"} ${bytes(input)}, over the ${CAP} cap`;
}

function raised(origin: FailureOrigin): string {
  const error = origin.error ?? "an error";
  return /Timeout|TimedOut/.test(error) ? `${origin.state} timed out (${error})` : `${origin.state} failed with ${error}`;
}

/** "caught by Checks → Compensate → Fail state OrderFailed": the route from the Catch to the state that ended the run. */
function caughtRoute(origin: FailureOrigin, failure: Failure): string {
  const route = origin.route.map((name, i) => (i === origin.route.length - 1 && failure.kind === "fail-state" ? `Fail state ${name}` : name));
  return `caught by ${route.join(" → ")}`;
}

/** The words for the final error alone, ignoring any caught origin. */
function describeFinal(report: ExecutionReport, failure: Failure): string {
  const state = failure.path ? report.states.find((s) => s.path === failure.path) : undefined;
  const name = failure.state ?? "The execution";
  const retried = new Set(report.handledErrors.filter((h) => h.handledBy.kind === "retry" && h.path === failure.path).map((h) => h.error));
  const took = state?.durationMs.last ?? null;
  switch (failure.kind) {
    case "task-timeout": {
      const limit = state?.timeoutSeconds ? ` (TimeoutSeconds ${state.timeoutSeconds})` : "";
      return `${name} timed out${took !== null ? ` after ${seconds(took)}` : ""}${limit}${retryNote(state, failure.error, retried)}`;
    }
    case "heartbeat-timeout":
      return `${name} missed its heartbeat${took !== null ? ` after ${seconds(took)}` : ""}${retryNote(state, failure.error, retried)}`;
    case "execution-timeout": {
      // An execution-level timeout belongs to no state; the analyser says which were still active.
      const waitingIn = failure.state ?? failure.activePaths?.[0] ?? null;
      const limit = report.timeoutSeconds ? `its TimeoutSeconds of ${formatSeconds(report.timeoutSeconds)}` : "the state machine's TimeoutSeconds";
      return `The execution timed out${report.durationMs !== null ? ` after ${seconds(report.durationMs)}` : ""}${waitingIn ? ` while in ${waitingIn}` : ""} (${limit})`;
    }
    case "payload-limit":
      return `${payloadWords(name, state, failure.cause)} (States.DataLimitExceeded)`;
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

/**
 * The failure in words: THE producer, used by the execution headline, the fleet's summary and `analyze --text`.
 * A run that ended after a Catch names the root cause first: "AuthorizePayment failed with Payment.Declined
 * (caught by Checks → Compensate → Fail state OrderFailed)". Null when nothing failed.
 */
export function describeFailure(report: ExecutionReport): string | null {
  const failure = report.failure;
  if (!failure) return null;
  const origin = failure.origin ?? null;
  if (origin === null) return describeFinal(report, failure);
  const head = `${raised(origin)} (${caughtRoute(origin, failure)})`;
  if (failure.kind === "fail-state") return head;
  // The run ended in a later state's own error: say both, the root cause first.
  return `${head}; then ${describeFinal(report, failure)}`;
}


/**
 * The headline of an execution: the failure in words when it failed; for a SUCCEEDED (or running) one that came
 * close to a cliff (report.cliffs), which ones; otherwise its status.
 */
export function describeExecution(report: ExecutionReport): Headline {
  const failed = describeFailure(report);
  if (failed !== null) {
    const tone = report.status === "TIMED_OUT" ? "timed-out" : report.status === "ABORTED" ? "aborted" : "failed";
    return { text: failed, tone };
  }
  const cliffs = [...(report.cliffs ?? [])].sort((a, b) => b.ratio - a.ratio);
  const status = report.status === "RUNNING" ? "Running" : report.status === "SUCCEEDED" ? "Succeeded" : report.status.toLowerCase();
  if (cliffs.length > 0) {
    const more = cliffs.length > 2 ? `; ${cliffs.length - 2} more` : "";
    return { text: `${status}, close to a limit: ${cliffs.slice(0, 2).map((c) => c.text).join("; ")}${more}`, tone: "near-limit" };
  }
  const took = report.durationMs !== null ? ` in ${seconds(report.durationMs)}` : "";
  return { text: report.status === "RUNNING" ? `Running for ${took.slice(4) || "a moment"}` : `${status}${took}`, tone: report.status === "RUNNING" ? "running" : "succeeded" };
}
