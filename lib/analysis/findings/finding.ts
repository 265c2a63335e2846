import { STRUCTURAL_CODES } from "../graph/definition-error";

/** Every finding code, in the order findings of one state are listed. A code is a contract: never rename one. */
export const FINDING_CODES = [
  ...STRUCTURAL_CODES,
  "schema-invalid",
  "express-integration-unsupported",
  "execution-timeout-missing",
  "task-timeout-missing",
  "heartbeat-missing",
  "heartbeat-not-below-timeout",
  "timeout-not-retried",
  "lambda-retry-missing",
  "retry-wait-excessive",
  "task-uncaught",
  "catch-resultpath-missing",
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
  /** The field at fault ("Catch[0].Next", "TimeoutSeconds"), when one is. */
  field?: string | null;
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

/** Step Functions workflow types: which codes apply depends on it (FINDING_RULES). */
export type WorkflowType = "STANDARD" | "EXPRESS";

/** What findings may use beyond the definition. */
export interface FindingOptions {
  observed?: readonly ObservedMap[];
  /**
   * The state machine's type (DescribeStateMachine `type`, or `--type`). EXPRESS executions stop at
   * 5 minutes and have no history cap; Standard-only codes are left out. Absent: STANDARD, the AWS default.
   */
  stateMachineType?: WorkflowType;
}
