import { errorEqualsMatches, findRetrier } from "../error-matching";
import { DEFAULT_TASK_TIMEOUT_SECONDS } from "../limits";
import { formatSeconds } from "../graph/retry-policy";
import type { TaskPattern } from "../graph/state-graph-model";
import type { Finding } from "./finding";
import { isHumanCallback, type StateContext } from "./state-context";

const WAITS: Record<TaskPattern, string> = {
  "request-response": "calls a service and waits for its answer",
  sync: "waits for a job to finish (.sync)",
  callback: "waits for a callback (.waitForTaskToken)",
  activity: "waits for an activity worker",
};

function expressUnsupported({ state, inExpress, stateMachineType }: StateContext): Finding | null {
  if (!inExpress || !state.task || state.task.pattern === "request-response") return null;
  const where = stateMachineType === "EXPRESS" ? "an Express state machine" : "the Express child executions of a Distributed Map";
  return {
    code: "express-integration-unsupported",
    severity: "error",
    path: state.path,
    field: "Resource",
    message: `Task "${state.name}" ${WAITS[state.task.pattern]} in ${where}: Express workflows run request-response integrations only (no .sync, .waitForTaskToken or activities), so AWS rejects it.`,
    fix: "Use the request-response form of the integration, or run this part as a Standard workflow (a Standard child execution, or Standard Map children).",
  };
}

function timeoutMissing({ state, executionTimeoutSeconds }: StateContext): Finding | null {
  if (!state.task || state.timeout !== null) return null;
  const longWait = state.task.pattern !== "request-response";
  const lambda = state.task.service === "lambda" && !longWait;
  const bound =
    executionTimeoutSeconds === null
      ? "until the execution's 1-year limit"
      : `until the execution's TimeoutSeconds (${formatSeconds(executionTimeoutSeconds)}) ends the whole execution, with no error on the state`;
  // Under an execution TimeoutSeconds a hung wait still ends, as a TIMED_OUT execution an alarm can see.
  return {
    code: "task-timeout-missing",
    severity: longWait && executionTimeoutSeconds === null ? "warning" : "info",
    path: state.path,
    field: "TimeoutSeconds",
    message:
      `Task "${state.name}" ${WAITS[state.task.pattern]} with no TimeoutSeconds: AWS then allows ` +
      `${DEFAULT_TASK_TIMEOUT_SECONDS.toLocaleString("en-US")} s, so a hung call shows as RUNNING ${bound}` +
      (lambda ? " (the function's own timeout, at most 15 minutes, usually ends it first)." : "."),
    fix: "Set TimeoutSeconds a little above the longest run you expect, and retry or catch States.Timeout.",
  };
}

function heartbeatMissing({ state }: StateContext): Finding | null {
  if (!state.task || state.task.pattern === "request-response" || state.heartbeat !== null) return null;
  // A person approving a request sends no heartbeats: the timeout is the only bound that makes sense.
  if (isHumanCallback(state)) return null;
  const worker = state.task.pattern === "sync" ? "job" : "worker";
  return {
    code: "heartbeat-missing",
    severity: state.task.pattern === "sync" ? "info" : "warning",
    path: state.path,
    field: "HeartbeatSeconds",
    message:
      `Task "${state.name}" ${WAITS[state.task.pattern]} with no HeartbeatSeconds: a ${worker} that dies ` +
      `is noticed only when ${state.timeout ? "TimeoutSeconds" : "the execution itself"} runs out.`,
    fix:
      state.task.pattern === "sync"
        ? "Set HeartbeatSeconds below TimeoutSeconds so a stalled job fails with States.Timeout early."
        : "Set HeartbeatSeconds below TimeoutSeconds and have the worker call SendTaskHeartbeat more often than that.",
  };
}

function heartbeatNotBelowTimeout({ state }: StateContext): Finding | null {
  if (!state.heartbeat || state.heartbeat.seconds === null || state.timeout?.dynamic) return null;
  const timeout = state.timeout?.seconds ?? DEFAULT_TASK_TIMEOUT_SECONDS;
  if (state.heartbeat.seconds < timeout) return null;
  return {
    code: "heartbeat-not-below-timeout",
    severity: "error",
    path: state.path,
    field: "HeartbeatSeconds",
    message: `Task "${state.name}" has HeartbeatSeconds ${state.heartbeat.seconds} ≥ TimeoutSeconds ${timeout}: AWS rejects the definition (InvalidDefinition).`,
    fix: "Make HeartbeatSeconds strictly less than TimeoutSeconds.",
    data: { heartbeatSeconds: state.heartbeat.seconds, timeoutSeconds: timeout },
  };
}

/**
 * Retrying a timeout is advice for work that is safe to start again: a Lambda function, a job, a worker.
 * Not for a person's approval (the request would be sent twice) nor a request-response service call
 * (events:putEvents, sns:publish…), whose timeout is rare and whose retry repeats its effect.
 */
function worthRetryingOnTimeout({ state }: StateContext): boolean {
  if (!state.task || isHumanCallback(state)) return false;
  return state.task.pattern !== "request-response" || state.task.service === "lambda";
}

function timeoutNotRetried(context: StateContext): Finding | null {
  const { state, ancestors } = context;
  if (!state.task || (state.timeout === null && state.heartbeat === null) || !worthRetryingOnTimeout(context)) return null;
  // The first retrier that matches decides, as AWS evaluates them in order; MaxAttempts 0 there is a deliberate "never".
  if (findRetrier(state.retry, "States.Timeout") !== null) return null;
  const own = state.catch.find((c) => errorEqualsMatches(c.errorEquals, "States.Timeout"));
  // Uncaught here, the timeout fails the enclosing Parallel/Map, whose Catch may take it.
  const outer = own ? undefined : ancestors.find((a) => a.catch.some((c) => errorEqualsMatches(c.errorEquals, "States.Timeout")));
  const what = state.timeout ? "TimeoutSeconds" : "HeartbeatSeconds";
  const outcome = own
    ? `one slow attempt goes straight to its Catch ("${own.next}").`
    : outer
      ? `one slow attempt fails "${outer.name}", whose Catch takes it.`
      : "one slow attempt fails the execution.";
  return {
    code: "timeout-not-retried",
    severity: own || outer ? "info" : "warning",
    path: state.path,
    field: "Retry",
    message: `Task "${state.name}" has ${what} but no Retry names States.Timeout (States.TaskFailed does not match it): ${outcome}`,
    fix: 'Add a retrier for ["States.Timeout"] (a few attempts, with backoff) before the others.',
  };
}

function uncaught({ state, ancestors }: StateContext): Finding | null {
  if (state.type !== "Task" || state.catch.length > 0) return null;
  // An error inside a branch or an item fails the Parallel/Map, whose own Catch can handle it.
  if (ancestors.some((a) => a.catch.length > 0)) return null;
  // Inside a Distributed Map that tolerates every item failing, an error fails one child execution, never the parent.
  if (ancestors.some((a) => a.map?.mode === "DISTRIBUTED" && (a.map.toleratedFailurePercentage ?? 0) >= 100)) return null;
  const child = ancestors.find((a) => a.map?.mode === "DISTRIBUTED");
  const outcome = child
    ? `fails its child execution, and the Map Run "${child.name}" fails the execution once failures pass its tolerated threshold (none tolerated unless set)`
    : "ends the execution as FAILED";
  return {
    code: "task-uncaught",
    severity: "info",
    path: state.path,
    field: "Catch",
    message: `Task "${state.name}" has no Catch (nor has any Parallel or Map around it): any error left after its retries ${outcome}.`,
    fix: child
      ? "Add a Catch in the item processor, or set ToleratedFailurePercentage / ToleratedFailureCount on the Map if some items may fail."
      : 'Add a Catch for ["States.ALL"] to a state that records the error (ResultPath "$.error") and compensates or notifies.',
  };
}

/** Findings about one Task: integrations Express can't run, timeouts, heartbeats, retries of timeouts, Catch. */
export function findTaskFindings(context: StateContext): Finding[] {
  return [expressUnsupported, timeoutMissing, heartbeatMissing, heartbeatNotBelowTimeout, timeoutNotRetried, uncaught]
    .map((check) => check(context))
    .filter((f): f is Finding => f !== null);
}
