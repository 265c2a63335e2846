/** Hard limits of AWS Step Functions that the analyser measures executions against. */

/** Max bytes of UTF-8 in any payload (input, output, result) — AWS quotas page, "Maximum input or output size": 256 KiB. */
export const PAYLOAD_LIMIT_BYTES = 262_144;

/** Max history events per Standard execution — AWS quotas page, "Maximum execution history size": 25,000 events. */
export const HISTORY_EVENT_LIMIT = 25_000;

/** Task TimeoutSeconds that AWS applies when none is set — observed AWS behaviour (the ASL spec text says 60). */
export const DEFAULT_TASK_TIMEOUT_SECONDS = 99_999_999;

/** Events a redrive needs to fit under — AWS redrive docs: history must be under 24,999 events to redrive. */
export const REDRIVE_EVENT_LIMIT = 24_999;

/** Free tier of Standard state transitions per month — AWS Step Functions pricing page. */
export const FREE_TRANSITIONS_PER_MONTH = 4_000;

/** Max run time of an Express execution (5 minutes) — AWS quotas page. */
export const EXPRESS_MAX_DURATION_MS = 5 * 60 * 1000;

/** The cause AWS writes when an execution runs out of history — observed in AWS histories (States.Runtime). */
export const HISTORY_LIMIT_CAUSE = "The execution reached the maximum number of history events (25000).";
