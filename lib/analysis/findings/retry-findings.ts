import { describeRetryPolicy, formatSeconds } from "../graph/retry-policy";
import type { Finding } from "./finding";
import type { StateContext } from "./state-context";

/** Past this much sleeping, an execution looks stuck to whoever is on call. */
export const RETRY_WAIT_LIMIT_SECONDS = 15 * 60;

/** retry-wait-excessive: a retrier whose worst-case total wait outlasts the enclosing timeout or 15 minutes. */
export function findRetryFindings({ state, executionTimeoutSeconds, executionTimeoutSource }: StateContext): Finding[] {
  const findings: Finding[] = [];
  for (const policy of state.retry) {
    const wait = policy.worstCaseWaitSeconds;
    const overTimeout = executionTimeoutSeconds !== null && wait > executionTimeoutSeconds;
    if (!overTimeout && wait <= RETRY_WAIT_LIMIT_SECONDS) continue;
    const reason = overTimeout
      ? `longer than the ${executionTimeoutSource}'s timeout (${formatSeconds(executionTimeoutSeconds as number)}), so the last retries can never run`
      : `over 15 minutes in which the execution sleeps and looks stuck`;
    findings.push({
      code: "retry-wait-excessive",
      severity: "warning",
      path: state.path,
      message: `Retry #${policy.index + 1} of "${state.name}" (${describeRetryPolicy(policy)}) can wait ${formatSeconds(wait)} in total: ${reason}.`,
      fix: "Lower MaxAttempts or BackoffRate, or cap each wait with MaxDelaySeconds (and add JitterStrategy FULL).",
      data: { retrier: policy.index, worstCaseWaitSeconds: wait, limitSeconds: overTimeout ? executionTimeoutSeconds : RETRY_WAIT_LIMIT_SECONDS },
    });
  }
  return findings;
}
