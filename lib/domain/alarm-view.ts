import type { ExecutionStatus, ExecutionSummary } from "./execution";
import type { AlarmSummary } from "./metrics";
import type { FailureKind } from "./report";

/** One datapoint CloudWatch evaluated: the START of its period (ISO) and its value when it had one. */
export interface BreachDatapoint {
  timestamp: string;
  value: number | null;
}

/**
 * The periods whose datapoints breached, each covering [timestamp, timestamp + periodSeconds) —
 * not a window counted back from StateChangeTime (AWS/States datapoints arrive and are evaluated late).
 */
export interface BreachWindow {
  periodSeconds: number;
  /** Ascending by timestamp; empty when only an approximate window is known. */
  datapoints: BreachDatapoint[];
  /** Start of the earliest breaching period. */
  from: string;
  /** End of the latest breaching period (exclusive). */
  to: string;
  /**
   * Where the timestamps came from: the JSON reason data (evaluatedDatapoints), the reason text
   * ("… [5.0 (01/12/26 20:34:00)] …"), a link that carried the window, or — when neither names a
   * timestamp — an approximation ending at StateChangeTime.
   */
  source: "reason-data" | "reason-text" | "link" | "approximate";
}

/** A CloudWatch metric alarm with what its state change said (DescribeAlarms), JSON-safe. */
export interface AlarmDetail extends AlarmSummary {
  region: string;
  /** StateReasonData as CloudWatch wrote it (JSON text), or null. */
  stateReasonData: string | null;
  stateTransitionedTimestamp: string | null;
  datapointsToAlarm: number | null;
}

/** One execution near the alarm, with its failure when known. */
export interface AlarmExecution extends ExecutionSummary {
  /** Milliseconds from the breach window to stopDate: 0 inside, negative before, positive after. */
  offsetMs: number | null;
}

/** The newest tripping execution's failure, in the words the execution page uses. */
export interface TrippingFailure {
  executionArn: string;
  headline: string | null;
  state: string | null;
  error: string | null;
  cause: string | null;
  kind: FailureKind | null;
  /** Why the failure could not be read (AWS error), when it could not. */
  unavailable: string | null;
}

/** Everything the alarm view shows: the alarm, its breach window, and the executions that tripped it first. */
export interface AlarmView {
  alarm: AlarmDetail;
  stateMachineArn: string | null;
  /** Execution statuses the alarm's metrics count (ExecutionsTimedOut → TIMED_OUT, …). */
  statuses: ExecutionStatus[];
  /** Metric names of the AWS/States metrics the alarm reads. */
  metricNames: string[];
  /** The state change this view is about (`at` in the link, else the alarm's last transition). */
  at: string | null;
  breach: BreachWindow | null;
  /** Why there is no breach window, when there is none. */
  breachUnknown: string | null;
  /** Executions whose stopDate falls inside a breaching period, newest first. */
  tripping: AlarmExecution[];
  newestFailure: TrippingFailure | null;
  /** When nothing matched: the closest executions before and after the window (never an empty page). */
  nearest: { before: AlarmExecution[]; after: AlarmExecution[] };
  /** ListExecutions pages read, and whether the listing reached back before the window. */
  listing: { pages: number; reachedBeforeWindow: boolean };
  /** Why the alarm watches nothing we can list (another namespace, no StateMachineArn), if so. */
  problem: string | null;
  fetchedAt: string;
}
