import type { ExecutionStatus } from "./execution";

/**
 * What the analyser (lib/analysis) makes of one execution history. JSON-safe: it goes through
 * the API and the CLI as it is. Shared by the analyser (which builds it), the graph overlay and
 * the pages (which read it). Add fields; don't rename them — the CLI output is a contract too.
 */

/** The execution's headline: the failure in words, a near miss, or its status (lib/analysis/headline makes it). */
export interface Headline {
  text: string;
  tone: "failed" | "timed-out" | "aborted" | "near-limit" | "succeeded" | "running";
}

/** Why an execution (or a state) ended badly, in on-call words. */
export const FAILURE_KINDS = [
  "task-timeout",
  "heartbeat-timeout",
  "execution-timeout",
  "payload-limit",
  "history-limit",
  "task-failed",
  "fail-state",
  "runtime",
  "aborted",
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];

/** What happened to a state in this execution, as the graph paints it. */
export const STATE_OUTCOMES = [
  "not-reached",
  "succeeded",
  "retried-succeeded",
  "caught",
  "failed",
  "timed-out",
  "running",
] as const;
export type StateOutcome = (typeof STATE_OUTCOMES)[number];

/** The final error, attributed to the innermost state where it originated. */
export interface Failure {
  /** State name, or null when the error belongs to no state (e.g. an execution-level timeout). */
  state: string | null;
  /** State path, e.g. "ProcessAll/ProcessItem"; null as for `state`. */
  path: string | null;
  error: string | null;
  cause: string | null;
  kind: FailureKind;
  /** Id of the history event that carried the error. */
  eventId: number;
  /** Id of the event where the error originated (a TaskFailed, a FailStateEntered…); null when no state raised it. */
  originEventId?: number | null;
  /** For execution timeouts and aborts: paths of the innermost states still at work when it stopped. */
  activePaths?: string[];
  /**
   * The root cause when the run ended after a Catch: the error raised first (e.g. Payment.Declined in
   * AuthorizePayment), caught, then carried through other states to the one that ended the run. Null otherwise.
   */
  origin?: FailureOrigin | null;
}

/** Where a caught error was raised, and the states it went through from its Catch to the end of the run. */
export interface FailureOrigin {
  state: string;
  path: string;
  error: string | null;
  cause: string | null;
  /** Id of the event that raised it. */
  eventId: number;
  /** State names from the state whose Catch caught it to the state that ended the run, e.g. ["Checks", "Compensate", "OrderFailed"]. */
  route: string[];
}

/** Which cliff a run came close to. */
export const CLIFF_KINDS = ["payload", "execution-timeout", "task-timeout", "history", "retries"] as const;
export type CliffKind = (typeof CLIFF_KINDS)[number];

/** A limit the execution came close to (or reached) without it ending the run: the near miss on-call should hear about. */
export interface Cliff {
  kind: CliffKind;
  /** The state concerned; null for the execution as a whole. */
  path: string | null;
  /** What was used, of what limit, in the limit's unit (bytes, seconds, events, retries). */
  used: number;
  limit: number;
  ratio: number;
  /** In words, e.g. "Assemble's output reached 224,910 of 262,144 bytes (86%)". */
  text: string;
}

/** An error a Retry retried or a Catch caught before the end. */
export interface HandledError {
  path: string;
  state: string;
  error: string | null;
  cause: string | null;
  eventId: number;
  /** Path of the state whose Retry/Catch applied (the enclosing Parallel/Map when the error propagated). */
  handlerPath?: string;
  handledBy:
    | { kind: "retry"; retrierIndex: number | null; errorEquals: string[] | null }
    | { kind: "catch"; catcherIndex: number | null; errorEquals: string[] | null; next: string | null }
    | { kind: "unknown" };
}

/** Per-state facts, keyed by path so `Map/ProcessItem` and a top-level `ProcessItem` differ. */
export interface StateReport {
  path: string;
  name: string;
  /** ASL type from the definition, or inferred from event types when there is no definition. */
  type: string;
  outcome: StateOutcome;
  /** Times the state was entered (one transition each). */
  entered: number;
  /** Attempts of its work as Retry counts them (Task schedulings, Map/Parallel starts), retries included; 0 for other states. */
  attempts: number;
  retries: number;
  /** Events attributed to this state (its own, not its children's). */
  events: number;
  /**
   * Time in the state: the sum of its visits' entered → exited spans (a visit still open runs to the end
   * of its run, or to `now` while the execution runs). A Map or Parallel counts its own span, not its children's.
   * `maxAttempt` is the longest single attempt of a Task (scheduled → its result), for its TimeoutSeconds.
   */
  durationMs: { total: number; max: number; last: number | null; maxAttempt?: number | null };
  /** Map iterations started / Parallel branches, when the state is one. */
  mapIterations?: number;
  parallelBranches?: number;
  /** UTF-8 bytes of the JSON strings as AWS recorded them; null when the history carried no payloads. */
  maxInputBytes: number | null;
  /** Which details field held the largest input, e.g. "taskScheduledEventDetails.parameters" (a Task's parameters are input, not a result). */
  maxInputField?: string | null;
  lastInputBytes: number | null;
  maxOutputBytes: number | null;
  maxOutputField?: string | null;
  lastOutputBytes: number | null;
  /** 262,144 minus the larger of max input and max output; null when unknown. */
  headroomBytes: number | null;
  /** The last error this state raised, if any (handled or not). */
  lastError?: { error: string | null; cause: string | null; eventId: number };
  /** In a Distributed Map's item processor: runs in child executions, never in this history. */
  inChildExecution?: boolean;
  /** TimeoutSeconds / HeartbeatSeconds as AWS applied them (TaskScheduled, ActivityScheduled…), last seen. */
  appliedTimeoutSeconds?: number;
  appliedHeartbeatSeconds?: number;
  /** The Task's timeout in force: applied by AWS, else the definition's static TimeoutSeconds; null when none is known. */
  timeoutSeconds?: number | null;
}

/** Events used of the 25,000 cap, and who spent them. */
export interface HistoryBudget {
  events: number;
  limit: number;
  ratio: number;
  byState: { path: string; events: number }[];
  /** For each inline Map: events per item and the item count that would cross the limit. */
  maps: { path: string; items: number; eventsPerItem: number; itemsToLimit: number | null }[];
  /** Events of the execution itself (ExecutionStarted, ExecutionFailed…), attributed to no state. */
  executionEvents?: number;
  /** Events whose parent lies outside the events read (a partial page); 0 for a whole history. */
  unattributedEvents?: number;
}

/** The largest payload seen, against 262,144 bytes. */
export interface PayloadPeak {
  maxBytes: number | null;
  state: string | null;
  path: string | null;
  field: string | null;
  limit: number;
  ratio: number | null;
}

/** Standard cost of this execution, a monthly projection and the Express comparison. */
export interface CostEstimate {
  region: string | null;
  /** The region whose price row was used (us-east-1 when the region is unknown or has no row). */
  priceRegion?: string;
  pricePerThousandTransitionsUsd: number;
  priceCheckedOn: string;
  transitions: number;
  standardUsd: number;
  monthly: { executionsPerMonth: number; standardUsd: number; expressUsd: number } | null;
  express: { usd: number; assumptions: string[] };
  notes: string[];
}

/** One run from ExecutionStarted (or ExecutionRedriven) to its close. */
export interface RunReport {
  index: number;
  firstEventId: number;
  lastEventId: number;
  startedAt: string;
  stoppedAt: string | null;
  status: ExecutionStatus;
  failure: Failure | null;
  transitions: number;
  events: number;
  /** Started by ExecutionRedriven rather than ExecutionStarted. */
  redrive?: boolean;
}

/** One entry into a state (a row of the States table); a state entered three times has three. */
export interface VisitReport {
  /** Order of entry over the whole history (the event view's `visit`). */
  index: number;
  path: string;
  name: string;
  type: string;
  /** Map iteration index the visit ran in, when it ran in one. */
  iteration: number | null;
  /** Run of the execution (0 = the first, 1 = the first redrive…). */
  run: number;
  outcome: StateOutcome;
  enteredEventId: number;
  startedAt: string;
  /** Entered → exited (or to where it stopped, as StateReport.durationMs counts it). */
  durationMs: number;
  /** Attempts of its work, retries included (Task schedulings, Map/Parallel starts); null for states that do no work. */
  attempts: number | null;
  retries: number;
  /** Largest input and output UTF-8 bytes this visit recorded; null when none was recorded. */
  inputBytes: number | null;
  outputBytes: number | null;
}

/** Everything the triage page shows about one execution. */
export interface ExecutionReport {
  status: ExecutionStatus;
  eventCount: number;
  startedAt: string | null;
  stoppedAt: string | null;
  durationMs: number | null;
  failure: Failure | null;
  handledErrors: HandledError[];
  states: StateReport[];
  transitions: number;
  history: HistoryBudget;
  payload: PayloadPeak;
  cost: CostEstimate;
  /** Runs of the execution: the first, then one per redrive (ExecutionRedriven). */
  runs: RunReport[];
  /** The state machine's TimeoutSeconds (the whole execution), from the definition; null when unset or unknown. */
  timeoutSeconds?: number | null;
  /** Limits this execution came close to: ≥ 80% of the payload cap, of a timeout, ≥ 50% of the event cap, retries spent. */
  cliffs?: Cliff[];
  /** One row per state visit, in entry order; at most VISIT_REPORT_LIMIT (the troubled ones kept first). */
  visits?: VisitReport[];
  /** Visits in the history, when `visits` had to leave some out. */
  visitsTotal?: number;
  /** What the report could not know (running, first page only, no payloads…), in plain words. */
  incomplete: string[];
  unknownEventTypes: { type: string; count: number }[];
  /** The events read are the whole history so far (from event 1, no gaps, no more pages). */
  complete?: boolean;
  firstEventId?: number;
  lastEventId?: number;
}
