/** Every finding code, in the order findings of one state are listed. A code is a contract: never rename one. */
export const FINDING_CODES = [
  "execution-timeout-missing",
  "task-timeout-missing",
  "heartbeat-missing",
  "heartbeat-not-below-timeout",
  "timeout-not-retried",
  "retry-wait-excessive",
  "task-uncaught",
  "resultpath-overwrites-input",
  "inline-map-history-risk",
  "map-concurrency-unbounded",
] as const;
/** One of FINDING_CODES. */
export type FindingCode = (typeof FINDING_CODES)[number];

/** error: AWS rejects it or it will fail; warning: a silent failure waiting to happen; info: worth knowing. */
export const FINDING_SEVERITIES = ["error", "warning", "info"] as const;
/** One of FINDING_SEVERITIES. */
export type FindingSeverity = (typeof FINDING_SEVERITIES)[number];

/** One risk read from a definition. */
export interface Finding {
  code: FindingCode;
  severity: FindingSeverity;
  /** State path ("Map/Inner"); null for the whole state machine. */
  path: string | null;
  message: string;
  fix: string;
  /** The figures behind the message, for tables and tests. */
  data?: Record<string, number | string | boolean | null>;
}

/** Events per Map item seen in real executions (`report.history.maps` fits as is). */
export interface ObservedMap {
  path: string;
  eventsPerItem: number;
  /** Items in the execution it was observed in, when known. */
  items?: number;
}

/** What findings may use beyond the definition. */
export interface FindingOptions {
  observed?: readonly ObservedMap[];
  /** EXPRESS executions stop at 5 minutes on their own: no missing-timeout finding, and retries are judged against 300 s. */
  stateMachineType?: "STANDARD" | "EXPRESS";
}
