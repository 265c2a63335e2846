/**
 * CloudWatch facts about state machines, JSON-safe (ISO timestamps). Built by lib/aws/cloudwatch.ts.
 */

/**
 * The AWS/States series fetched per state machine (dimension StateMachineArn). Counts use Sum:
 * ExecutionsStarted is emitted as 1 then 0, so SampleCount would double-count. `key` is how
 * `ExecutionMetrics.byStateMachine` names the series.
 */
export const EXECUTION_METRIC_SERIES = [
  { key: "ExecutionsStarted:Sum", metricName: "ExecutionsStarted", stat: "Sum" },
  { key: "ExecutionsSucceeded:Sum", metricName: "ExecutionsSucceeded", stat: "Sum" },
  { key: "ExecutionsFailed:Sum", metricName: "ExecutionsFailed", stat: "Sum" },
  { key: "ExecutionsTimedOut:Sum", metricName: "ExecutionsTimedOut", stat: "Sum" },
  { key: "ExecutionsAborted:Sum", metricName: "ExecutionsAborted", stat: "Sum" },
  { key: "ExecutionThrottled:Sum", metricName: "ExecutionThrottled", stat: "Sum" },
  { key: "ExecutionTime:Average", metricName: "ExecutionTime", stat: "Average" },
  { key: "ExecutionTime:p99", metricName: "ExecutionTime", stat: "p99" },
] as const satisfies readonly { key: `${string}:${string}`; metricName: string; stat: string }[];

/** One series of EXECUTION_METRIC_SERIES, e.g. "ExecutionsFailed:Sum" or "ExecutionTime:p99" (ms). */
export type ExecutionMetricKey = (typeof EXECUTION_METRIC_SERIES)[number]["key"];

/** One datapoint: the start of its period and the statistic's value. */
export interface MetricPoint {
  timestamp: string;
  value: number;
}

/** Every series of one state machine, each sorted by timestamp ascending (empty when no data). */
export type StateMachineMetrics = Record<ExecutionMetricKey, MetricPoint[]>;

/** GetMetricData over a window for a set of state machines in one region. */
export interface ExecutionMetrics {
  region: string;
  from: string;
  to: string;
  periodSeconds: number;
  /** Keyed by state machine ARN; every requested ARN is present. */
  byStateMachine: Record<string, StateMachineMetrics>;
  /** True when CloudWatch answered any series with a StatusCode other than Complete. */
  partial: boolean;
  /** CloudWatch's own messages about the request or a series (e.g. why data is partial). */
  messages: string[];
}

/** A metric a metric-math alarm reads (one entry of its Metrics[]); expressions have no metric. */
export interface AlarmMetricRef {
  id: string;
  namespace?: string;
  metricName?: string;
  dimensions?: { name: string; value: string }[];
  expression?: string;
  stat?: string;
  periodSeconds?: number;
}

/** One CloudWatch metric alarm from DescribeAlarms, JSON-safe. */
export interface AlarmSummary {
  alarmName: string;
  alarmArn: string;
  alarmDescription: string | null;
  /** OK | ALARM | INSUFFICIENT_DATA */
  stateValue: string;
  stateReason: string | null;
  stateUpdatedTimestamp: string | null;
  /** Null for metric-math alarms: their metrics are in `metrics`. */
  namespace: string | null;
  metricName: string | null;
  dimensions: { name: string; value: string }[];
  metrics: AlarmMetricRef[];
  /** Statistic or ExtendedStatistic (e.g. "Sum", "p99"); null for metric-math alarms. */
  statistic: string | null;
  /** Null for anomaly-detection alarms, which compare against a band instead. */
  threshold: number | null;
  comparisonOperator: string | null;
  evaluationPeriods: number | null;
  periodSeconds: number | null;
  actionsEnabled: boolean;
}
