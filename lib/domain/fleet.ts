import type { ExecutionStatus } from "./execution";
import type { IndexStatus } from "./failures";
import type { FailureKind } from "./report";

/** An alarm that watches a state machine's failures or timeouts, as matched from DescribeAlarms. */
export interface AlarmWatch {
  alarmName: string;
  metricName: string;
  stateValue: string;
}

/** One state machine in the fleet snapshot, with its failure counts over the last 24 hours. */
export interface FleetStateMachine {
  stateMachineArn: string;
  name: string;
  type: "STANDARD" | "EXPRESS";
  region: string;
  /** The account the state machine lives in (from its ARN), and the name SFN_TRIAGE_ACCOUNTS gives it (else null). */
  accountId: string;
  accountName: string | null;
  /** FAILED / TIMED_OUT / ABORTED: executions the index holds that closed in the last 24 h; RUNNING: listed now. */
  counts: { FAILED: number; TIMED_OUT: number; ABORTED: number; RUNNING: number };
  /** CloudWatch's ExecutionsFailed + TimedOut + Aborted sums over the last 24 h; null before metrics are read. */
  cloudWatchFailures24h: number | null;
  /** Alarms on ExecutionsTimedOut / ExecutionsFailed; INSUFFICIENT_DATA does not count as watching. */
  alarms: AlarmWatch[];
  watchesTimeouts: boolean;
  watchesFailures: boolean;
  /** p99 ExecutionTime in ms over the last day, from CloudWatch; null when unknown. */
  p99DurationMs: number | null;
  /** Codes of definition findings, e.g. task-timeout-missing, with the state paths they concern. */
  findings: { code: string; severity: string; path: string | null }[];
}

/** One failing, timed-out or running execution in the fleet (failures come from the index). */
export interface FleetExecution {
  executionArn: string;
  stateMachineArn: string;
  stateMachineName: string;
  region: string;
  name: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate: string | null;
  durationMs: number | null;
  /** From the first history page (newest first); null until fetched. */
  failedState: string | null;
  failedPath: string | null;
  error: string | null;
  cause: string | null;
  kind: FailureKind | null;
  /** When the poller first saw it (to mark arrivals). */
  firstSeenAt: string;
}

/** The last poll's error, shown beside stale data. */
export interface PollError {
  kind: string;
  message: string;
  at: string;
}

/** One watched account, and why its last poll failed (a role that can't be assumed), if it did. */
export interface FleetAccount {
  /** null: the default credential chain's account, whichever it is (no SFN_TRIAGE_ACCOUNTS). */
  accountId: string | null;
  name: string;
  regions: string[];
  /** The role the dashboard assumes there; null for the default credentials. */
  roleArn: string | null;
  error: PollError | null;
}

/** Everything the fleet page shows, as of `updatedAt`. */
export interface FleetSnapshot {
  regions: string[];
  /** Every watched account; the others keep polling while one of them fails. */
  accounts: FleetAccount[];
  stateMachines: FleetStateMachine[];
  /** The newest failures in the index (at most 200; /api/failures pages through all of them). */
  failing: FleetExecution[];
  running: FleetExecution[];
  /** The failure index's progress (catching up after a burst) and what retention dropped; null before the first cycle. */
  index: IndexStatus | null;
  /** When the last complete poll finished; null before the first. */
  updatedAt: string | null;
  lastAttemptAt: string | null;
  error: PollError | null;
  pollIntervalMs: number;
  /** ISO time the server generated this response, so the page can compute ages on its own clock. */
  servedAt: string;
}
