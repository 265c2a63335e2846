import { DEFAULT_TASK_TIMEOUT_SECONDS } from "../limits";
import { formatSeconds } from "../graph/retry-policy";
import type { TaskPattern } from "../graph/state-graph-model";
import type { Finding } from "./finding";
import { namesError, type StateContext } from "./state-context";

const WAITS: Record<TaskPattern, string> = {
  "request-response": "calls a service and waits for its answer",
  sync: "waits for a job to finish (.sync)",
  callback: "waits for a callback (.waitForTaskToken)",
  activity: "waits for an activity worker",
};

function timeoutMissing({ state, executionTimeoutSeconds }: StateContext): Finding | null {
  if (!state.task || state.timeout !== null) return null;
  const longWait = state.task.pattern !== "request-response";
  const lambda = state.task.service === "lambda" && !longWait;
  const bound =
    executionTimeoutSeconds === null
      ? "until the execution's 1-year limit"
      : `until the execution's TimeoutSeconds (${formatSeconds(executionTimeoutSeconds)}) ends the whole execution, with no error on the state`;
  return {
    code: "task-timeout-missing",
    severity: longWait ? "warning" : "info",
    path: state.path,
    message:
      `Task "${state.name}" ${WAITS[state.task.pattern]} with no TimeoutSeconds: AWS then allows ` +
      `${DEFAULT_TASK_TIMEOUT_SECONDS.toLocaleString("en-US")} s, so a hung call shows as RUNNING ${bound}` +
      (lambda ? " (the function's own timeout, at most 15 minutes, usually ends it first)." : "."),
    fix: "Set TimeoutSeconds a little above the longest run you expect, and retry or catch States.Timeout.",
  };
}

function heartbeatMissing({ state }: StateContext): Finding | null {
  if (!state.task || state.task.pattern === "request-response" || state.heartbeat !== null) return null;
  const worker = state.task.pattern === "sync" ? "job" : "worker";
  return {
    code: "heartbeat-missing",
    severity: state.task.pattern === "sync" ? "info" : "warning",
    path: state.path,
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
    message: `Task "${state.name}" has HeartbeatSeconds ${state.heartbeat.seconds} ≥ TimeoutSeconds ${timeout}: AWS rejects the definition (InvalidDefinition).`,
    fix: "Make HeartbeatSeconds strictly less than TimeoutSeconds.",
    data: { heartbeatSeconds: state.heartbeat.seconds, timeoutSeconds: timeout },
  };
}

function timeoutNotRetried({ state, ancestors }: StateContext): Finding | null {
  if (!state.task || (state.timeout === null && state.heartbeat === null)) return null;
  // A retrier naming States.Timeout with MaxAttempts 0 says "never retry timeouts" on purpose.
  if (state.retry.some((r) => namesError(r.errorEquals, "States.Timeout"))) return null;
  const own = state.catch.find((c) => namesError(c.errorEquals, "States.Timeout"));
  // Uncaught here, the timeout fails the enclosing Parallel/Map, whose Catch may take it.
  const outer = own ? undefined : ancestors.find((a) => a.catch.some((c) => namesError(c.errorEquals, "States.Timeout")));
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
    message: `Task "${state.name}" has ${what} but no Retry names States.Timeout (States.TaskFailed does not match it): ${outcome}`,
    fix: 'Add a retrier for ["States.Timeout"] (a few attempts, with backoff) before the others.',
  };
}

function uncaught({ state, ancestors }: StateContext): Finding | null {
  if (state.type !== "Task" || state.catch.length > 0) return null;
  // An error inside a branch or an item fails the Parallel/Map, whose own Catch can handle it.
  if (ancestors.some((a) => a.catch.length > 0)) return null;
  return {
    code: "task-uncaught",
    severity: "info",
    path: state.path,
    message: `Task "${state.name}" has no Catch (nor has any Parallel or Map around it): any error left after its retries ends the execution as FAILED.`,
    fix: 'Add a Catch for ["States.ALL"] to a state that records the error (ResultPath "$.error") and compensates or notifies.',
  };
}

function resultPathOverwrites({ state }: StateContext): Finding | null {
  if (state.type !== "Task" || state.queryLanguage !== "JSONPath" || state.fields.ResultPath !== "$") return null;
  return {
    code: "resultpath-overwrites-input",
    severity: "warning",
    path: state.path,
    message: `Task "${state.name}" has ResultPath "$": its result replaces the state's whole input, so every field later states expected is gone.`,
    fix: 'Put the result under a field (ResultPath "$.result"), or use ResultSelector to keep only what you need.',
  };
}

/** Findings about one Task: timeouts, heartbeats, retries of timeouts, Catch, ResultPath. */
export function findTaskFindings(context: StateContext): Finding[] {
  return [timeoutMissing, heartbeatMissing, heartbeatNotBelowTimeout, timeoutNotRetried, uncaught, resultPathOverwrites]
    .map((check) => check(context))
    .filter((f): f is Finding => f !== null);
}
