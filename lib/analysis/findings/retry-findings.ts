import { findRetrier } from "../error-matching";
import { LAMBDA_TRANSIENT_ERRORS } from "../error-names";
import { describeRetryPolicy, formatSeconds } from "../graph/retry-policy";
import type { RetryPolicy } from "../graph/state-graph-model";
import type { Finding } from "./finding";
import type { StateContext } from "./state-context";

/** Past this much sleeping, an execution looks stuck to whoever is on call. */
export const RETRY_WAIT_LIMIT_SECONDS = 15 * 60;
/** A retrier this slow and this patient waits on purpose (a resource becoming ready, a lock being freed). */
const DELIBERATE_INTERVAL_SECONDS = 60;
const DELIBERATE_MAX_ATTEMPTS = 5;
const WAIT_WORDS = /lock|semaphore|poll|wait|ready|pending|progress|busy|not.?yet|not.?found|concurren|throttl|later/i;

/** Wait-by-retry: a slow, patient retrier, or one whose errors or state name say it waits for something. */
function isDeliberateWait(context: StateContext, policy: RetryPolicy): boolean {
  if (policy.intervalSeconds >= DELIBERATE_INTERVAL_SECONDS && policy.maxAttempts >= DELIBERATE_MAX_ATTEMPTS) return true;
  const { state } = context;
  return WAIT_WORDS.test(`${state.name} ${state.comment ?? ""} ${policy.errorEquals.filter((e) => !e.startsWith("States.")).join(" ")}`);
}

function retryWaitExcessive(context: StateContext): Finding[] {
  const { state, executionTimeoutSeconds, executionTimeoutSource } = context;
  const findings: Finding[] = [];
  for (const policy of state.retry) {
    const wait = policy.worstCaseWaitSeconds;
    const overTimeout = executionTimeoutSeconds !== null && wait > executionTimeoutSeconds;
    // Past the timeout the last retries can never run, deliberate or not; merely long is fine when it is the point.
    if (!overTimeout && (wait <= RETRY_WAIT_LIMIT_SECONDS || isDeliberateWait(context, policy))) continue;
    const reason = overTimeout
      ? `longer than the ${executionTimeoutSource}'s timeout (${formatSeconds(executionTimeoutSeconds as number)}), so the last retries can never run`
      : `over 15 minutes in which the execution sleeps and looks stuck`;
    findings.push({
      code: "retry-wait-excessive",
      severity: "warning",
      path: state.path,
      field: `Retry[${policy.index}]`,
      message: `Retry #${policy.index + 1} of "${state.name}" (${describeRetryPolicy(policy)}) can wait ${formatSeconds(wait)} in total: ${reason}.`,
      fix: "Lower MaxAttempts or BackoffRate, or cap each wait with MaxDelaySeconds (and add JitterStrategy FULL).",
      data: { retrier: policy.index, worstCaseWaitSeconds: wait, limitSeconds: overTimeout ? executionTimeoutSeconds : RETRY_WAIT_LIMIT_SECONDS },
    });
  }
  return findings;
}

/** lambda-retry-missing: a Lambda Task that leaves AWS's recommended transient errors unretried. */
function lambdaRetryMissing({ state }: StateContext): Finding | null {
  if (state.task?.service !== "lambda") return null;
  // The first matching retrier decides (AWS evaluates them in order); MaxAttempts 0 there means "never".
  const missing = LAMBDA_TRANSIENT_ERRORS.filter((error) => {
    const index = findRetrier(state.retry, error);
    return index === null || state.retry[index]!.maxAttempts === 0;
  });
  if (missing.length === 0) return null;
  const none = missing.length === LAMBDA_TRANSIENT_ERRORS.length;
  return {
    code: "lambda-retry-missing",
    severity: none ? "warning" : "info",
    path: state.path,
    field: "Retry",
    message: none
      ? `Lambda Task "${state.name}" retries none of the transient Lambda errors (${missing.join(", ")}): one throttle or service hiccup fails the state.`
      : `Lambda Task "${state.name}" does not retry ${missing.join(", ")}, which AWS recommends retrying.`,
    fix: `Add a first retrier: {"ErrorEquals": [${LAMBDA_TRANSIENT_ERRORS.map((e) => `"${e}"`).join(", ")}], "IntervalSeconds": 1, "MaxAttempts": 3, "BackoffRate": 2, "JitterStrategy": "FULL"}.`,
    data: { missing: missing.join(",") },
  };
}

/** Findings about a state's Retry: transient Lambda errors not retried, worst-case waits that outlast the execution. */
export function findRetryFindings(context: StateContext): Finding[] {
  const lambda = lambdaRetryMissing(context);
  return [...(lambda ? [lambda] : []), ...retryWaitExcessive(context)];
}
