import type { FailureKind } from "./report";

/** Statuses the failure index holds: closed executions that did not succeed. */
export const INDEXED_STATUSES = ["FAILED", "TIMED_OUT", "ABORTED"] as const;
export type IndexedStatus = (typeof INDEXED_STATUSES)[number];

/** Windows the failure index answers for, ending now. */
export const FAILURE_WINDOWS = { "1h": 3_600_000, "6h": 21_600_000, "24h": 86_400_000, "7d": 604_800_000 } as const;
export type FailureWindow = keyof typeof FAILURE_WINDOWS;

/** One failed, timed-out or aborted execution in the index (one row per execution ARN and redrive count). */
export interface IndexedFailure {
  executionArn: string;
  redriveCount: number;
  /** The state machine's own ARN (never a version or alias ARN). */
  stateMachineArn: string;
  stateMachineName: string;
  versionArn: string | null;
  aliasArn: string | null;
  region: string;
  account: string;
  name: string;
  status: IndexedStatus;
  startDate: string;
  stopDate: string;
  /** When the dashboard first learnt of it (survives restarts). */
  firstSeenAt: string;
  /** False until its failure summary has been read from the history (the index is catching up). */
  summarised: boolean;
  originState: string | null;
  originPath: string | null;
  originError: string | null;
  originCause: string | null;
  /** The error the execution ended with (ExecutionFailed / TimedOut / Aborted). */
  finalError: string | null;
  kind: FailureKind | null;
  /** Null until summarised. */
  signatureId: string | null;
}

/** An alarm watching a signature's state machine for its status, with its state. */
export interface SignatureAlarm {
  alarmName: string;
  metricName: string;
  stateValue: string;
}

/** One signature in a window: failures that share state machine, origin state, error and normalised cause. */
export interface FailureSignature {
  signatureId: string;
  stateMachineArn: string;
  stateMachineName: string;
  region: string;
  originPath: string | null;
  originError: string | null;
  normalisedCause: string;
  sampleCause: string | null;
  statuses: IndexedStatus[];
  /** Executions with this signature in the window. */
  count: number;
  /** First occurrence ever (the stop time of the first execution the index saw with it). */
  firstSeenAt: string;
  /** Newest occurrence in the window. */
  lastSeenAt: string;
  /** True when the first occurrence ever lies inside the window. */
  isNew: boolean;
  newestExecutionArn: string;
  /** Alarms on the state machine's metric for these statuses; empty when none watches it. */
  alarms: SignatureAlarm[];
  /** Hourly counts over the window, oldest first (one number per hour, zeros included). */
  hourly: number[];
}

/** Counts the index holds against what CloudWatch counted, per state machine and window. */
export interface IndexCoverage {
  stateMachineArn: string;
  /** Failed + timed out + aborted executions the index holds in the window. */
  indexed: number;
  /** ExecutionsFailed + ExecutionsTimedOut + ExecutionsAborted sums in the window; null when unknown. */
  cloudWatch: number | null;
}

/** How far the index is behind AWS, and what retention dropped. */
export interface IndexStatus {
  backend: "sqlite" | "postgres";
  stored: number;
  /** Executions listed but whose failure summary is not read yet. */
  pending: number;
  /** Stop time of the oldest of those; null when caught up. */
  oldestPendingAt: string | null;
  /** ListExecutions pages still to be read (a burst larger than one cycle's budget). */
  pagesBehind: number;
  dropped: { age: number; size: number; expiredTokens: number };
  retention: { maxAgeDays: number; maxBytes: number };
  storedBytes: number;
}

/** Timeouts of one state machine in a window, by status (TIMED_OUT, or FAILED on a task timeout). */
export interface StateMachineTimeouts {
  stateMachineArn: string;
  status: IndexedStatus;
  count: number;
  exampleExecutionArn: string;
  lastSeenAt: string;
}

/** GET /api/failures?group=signature */
export interface FailureSignaturesPage {
  window: { from: string; to: string };
  signatures: FailureSignature[];
  /** Total failures in the window that match the filters (summarised or not). */
  total: number;
  nextCursor: string | null;
  coverage: IndexCoverage[];
  /** Timeouts per state machine in the window (the fleet groups the silent ones). */
  timeouts: StateMachineTimeouts[];
  status: IndexStatus;
}

/** GET /api/failures (no group): executions newest first, by cursor. */
export interface FailureExecutionsPage {
  window: { from: string; to: string };
  executions: IndexedFailure[];
  total: number;
  nextCursor: string | null;
  status: IndexStatus;
}

/** GET /api/failures/signatures/{id} */
export interface SignatureDetail {
  signature: FailureSignature;
  firstExecution: IndexedFailure | null;
  newestExecution: IndexedFailure | null;
  versions: { versionArn: string | null; aliasArn: string | null; count: number }[];
  executions: FailureExecutionsPage;
}
