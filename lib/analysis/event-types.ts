import { HISTORY_EVENT_TYPES } from "@/lib/domain/history-event";
import type { ExecutionStatus } from "@/lib/domain/execution";

/** What an event does to the analyser's model of the execution (one small int, so the hot loop can switch on it). */
export const EVENT_KIND = {
  unknown: 0,
  executionStart: 1,
  executionEnd: 2,
  stateEntered: 3,
  stateExited: 4,
  stateAborted: 5,
  taskScheduled: 6,
  taskProgress: 7,
  taskError: 8,
  evaluationFailed: 9,
  mapState: 10,
  mapIteration: 11,
  mapRun: 12,
  parallelState: 13,
} as const;

/** Which side of a state a payload belongs to. */
export type PayloadSide = "input" | "output" | "execution-input" | "execution-output";

/** Everything the analyser knows about one event type. */
export interface EventTypeInfo {
  kind: number;
  /** The `*EventDetails` field the SDK uses for this type. */
  detailsKey: string;
  /** For *StateEntered: the ASL state type it implies. */
  stateType: string | null;
  payloadField: string | null;
  payloadSide: PayloadSide | null;
  /** Carries `error` / `cause`. */
  carriesError: boolean;
  /** MapState/ParallelState *Started: (re)starts the work, so a second one is a retry. */
  restartsWork: boolean;
  /** Ends the work of a Map/Parallel state (Succeeded/Failed/Aborted). */
  closesWork: boolean;
  /** For terminal execution events, the status they set. */
  status: ExecutionStatus | null;
}

const PAYLOADS: Record<string, [string, PayloadSide]> = {
  ExecutionStarted: ["input", "execution-input"],
  ExecutionSucceeded: ["output", "execution-output"],
  TaskScheduled: ["parameters", "input"],
  TaskSucceeded: ["output", "output"],
  TaskSubmitted: ["output", "output"],
  LambdaFunctionScheduled: ["input", "input"],
  LambdaFunctionSucceeded: ["output", "output"],
  ActivityScheduled: ["input", "input"],
  ActivitySucceeded: ["output", "output"],
};

const TERMINAL: Record<string, ExecutionStatus> = {
  ExecutionSucceeded: "SUCCEEDED",
  ExecutionFailed: "FAILED",
  ExecutionTimedOut: "TIMED_OUT",
  ExecutionAborted: "ABORTED",
};

const ERROR_SUFFIXES = ["Failed", "TimedOut", "StartFailed", "SubmitFailed", "ScheduleFailed"];

function kindOf(type: string): number {
  if (type === "ExecutionStarted" || type === "ExecutionRedriven") return EVENT_KIND.executionStart;
  if (type in TERMINAL) return EVENT_KIND.executionEnd;
  if (type.endsWith("StateEntered")) return EVENT_KIND.stateEntered;
  if (type.endsWith("StateExited")) return EVENT_KIND.stateExited;
  if (type === "TaskStateAborted" || type === "WaitStateAborted") return EVENT_KIND.stateAborted;
  if (type === "EvaluationFailed") return EVENT_KIND.evaluationFailed;
  if (type.startsWith("MapState")) return EVENT_KIND.mapState;
  if (type.startsWith("MapIteration")) return EVENT_KIND.mapIteration;
  if (type.startsWith("MapRun")) return EVENT_KIND.mapRun;
  if (type.startsWith("ParallelState")) return EVENT_KIND.parallelState;
  if (type === "TaskScheduled" || type === "LambdaFunctionScheduled" || type === "ActivityScheduled") {
    return EVENT_KIND.taskScheduled;
  }
  if (/^(Task|LambdaFunction|Activity)/.test(type)) {
    return ERROR_SUFFIXES.some((s) => type.endsWith(s)) ? EVENT_KIND.taskError : EVENT_KIND.taskProgress;
  }
  return EVENT_KIND.unknown;
}

function detailsKeyOf(type: string): string {
  if (type.endsWith("StateEntered")) return "stateEnteredEventDetails";
  if (type.endsWith("StateExited")) return "stateExitedEventDetails";
  return type.charAt(0).toLowerCase() + type.slice(1) + "EventDetails";
}

function infoOf(type: string): EventTypeInfo {
  const kind = kindOf(type);
  const payload = kind === EVENT_KIND.stateEntered ? (["input", "input"] as const)
    : kind === EVENT_KIND.stateExited ? (["output", "output"] as const)
    : PAYLOADS[type];
  return {
    kind,
    detailsKey: detailsKeyOf(type),
    stateType: kind === EVENT_KIND.stateEntered ? type.slice(0, -"StateEntered".length) : null,
    payloadField: payload ? payload[0] : null,
    payloadSide: payload ? payload[1] : null,
    carriesError:
      kind === EVENT_KIND.taskError ||
      kind === EVENT_KIND.evaluationFailed ||
      type === "MapRunFailed" ||
      type === "ExecutionFailed" ||
      type === "ExecutionAborted" ||
      type === "ExecutionTimedOut",
    restartsWork: type === "MapStateStarted" || type === "ParallelStateStarted",
    closesWork: /^(MapState|ParallelState)(Succeeded|Failed|Aborted)$/.test(type),
    status: TERMINAL[type] ?? null,
  };
}

/** Info for every event type AWS documents (lib/domain's list, pinned to the SDK's enum by a test there). */
export const EVENT_TYPE_INFO: ReadonlyMap<string, EventTypeInfo> = new Map(
  HISTORY_EVENT_TYPES.map((type) => [type, infoOf(type)]),
);

/** Info for a type a future AWS may add: kept and counted, attributed by its parent link, never interpreted. */
export const UNKNOWN_EVENT_TYPE_INFO: EventTypeInfo = Object.freeze({
  kind: EVENT_KIND.unknown,
  detailsKey: "",
  stateType: null,
  payloadField: null,
  payloadSide: null,
  carriesError: false,
  restartsWork: false,
  closesWork: false,
  status: null,
});
