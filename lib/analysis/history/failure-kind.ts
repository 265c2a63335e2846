import type { FailureKind } from "@/lib/domain/report";
import type { Attribution } from "./attribution";
import type { StateMachineDefinition } from "../definition";
import { EVENT_KIND } from "../event-types";
import { TIMEOUT_ERRORS } from "../error-names";
import { DEFAULT_TASK_TIMEOUT_SECONDS, HISTORY_EVENT_LIMIT } from "../limits";
import type { Visit } from "./visit";

const HISTORY_LIMIT_TEXT = "maximum number of history events";

/** True when AWS failed the execution for running out of history events (States.Runtime at 25,000). */
export function isHistoryLimitError(error: string | null, cause: string | null, lastEventId: number): boolean {
  return error === "States.Runtime" && ((cause ?? "").includes(HISTORY_LIMIT_TEXT) || lastEventId >= HISTORY_EVENT_LIMIT);
}

/** The on-call kind of a final error, from its name, its cause and the event where it originated. */
export function classifyFailure(
  attribution: Attribution,
  error: string | null,
  cause: string | null,
  originPos: number,
  origin: Visit | null,
  definition: StateMachineDefinition | null,
): FailureKind {
  if (error === "States.DataLimitExceeded") return "payload-limit";
  if (isHistoryLimitError(error, cause, attribution.history.lastId)) return "history-limit";
  if (origin !== null && origin.type === "Fail" && originPos === origin.enteredPos) return "fail-state";
  const originType = originPos >= 0 ? attribution.history.events[originPos]!.type : "";
  if (originType.endsWith("TimedOut") || (error !== null && TIMEOUT_ERRORS.has(error) && origin?.type === "Task")) {
    return origin !== null ? classifyTimeout(attribution, origin, originPos, error, cause, definition) : "task-timeout";
  }
  if (originPos >= 0 && attribution.history.infos[originPos]!.kind === EVENT_KIND.taskError) return "task-failed";
  return "runtime";
}

/**
 * Task timeout or missed heartbeat? Both surface as States.Timeout. A heartbeat must be shorter than the
 * timeout, so a timeout that came before TimeoutSeconds had elapsed since scheduling was the heartbeat's.
 */
export function classifyTimeout(
  attribution: Attribution,
  visit: Visit,
  errorPos: number,
  error: string | null,
  cause: string | null,
  definition: StateMachineDefinition | null,
): "task-timeout" | "heartbeat-timeout" {
  if (error === "States.HeartbeatTimeout" || /heartbeat/i.test(cause ?? "")) return "heartbeat-timeout";
  const declared = definition?.states.get(visit.path);
  const heartbeat = visit.heartbeatSeconds ?? declared?.heartbeatSeconds ?? null;
  if (heartbeat === null) return "task-timeout";
  const timeout = visit.timeoutSeconds ?? declared?.timeoutSeconds ?? DEFAULT_TASK_TIMEOUT_SECONDS;
  let scheduledPos = visit.enteredPos;
  for (const pos of visit.restarts) if (pos < errorPos) scheduledPos = pos;
  const times = attribution.history.timesMs;
  const elapsedSeconds = (times[errorPos]! - times[scheduledPos]!) / 1000;
  return elapsedSeconds < timeout ? "heartbeat-timeout" : "task-timeout";
}
