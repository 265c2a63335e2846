import type { AlarmWatch } from "@/lib/domain/fleet";
import type { AlarmSummary } from "@/lib/domain/metrics";

// The two metrics whose alarms mean "someone is told when executions die" (AWS/States, per state machine).
const FAILURE_METRICS = new Set(["ExecutionsTimedOut", "ExecutionsFailed"]);

interface MetricRef {
  namespace?: string | null;
  metricName?: string | null;
  dimensions?: { name: string; value: string }[] | null;
}

function watches(ref: MetricRef, stateMachineArn: string): boolean {
  return (
    ref.namespace === "AWS/States" &&
    !!ref.metricName &&
    FAILURE_METRICS.has(ref.metricName) &&
    (ref.dimensions ?? []).some((d) => d.name === "StateMachineArn" && d.value === stateMachineArn)
  );
}

/**
 * Which alarms watch a state machine's failures and timeouts, matched locally on namespace, metric and
 * the StateMachineArn dimension — including metric-math alarms through their `Metrics[]` — because
 * DescribeAlarmsForMetric costs one call per state machine (and moto ignores its Dimensions).
 * An alarm in INSUFFICIENT_DATA has never seen the metric: it counts as not watching.
 */
export function findAlarmWatches(
  stateMachineArn: string,
  alarms: readonly AlarmSummary[],
): { alarms: AlarmWatch[]; watchesTimeouts: boolean; watchesFailures: boolean } {
  const found: AlarmWatch[] = [];
  for (const alarm of alarms) {
    const refs: MetricRef[] = [alarm, ...alarm.metrics];
    // A metric-math alarm such as m1+m2 may read both ExecutionsFailed and ExecutionsTimedOut: record each.
    const metricNames = new Set(refs.filter((ref) => watches(ref, stateMachineArn)).map((ref) => ref.metricName as string));
    for (const metricName of metricNames) found.push({ alarmName: alarm.alarmName, metricName, stateValue: alarm.stateValue });
  }
  const live = found.filter((a) => a.stateValue !== "INSUFFICIENT_DATA");
  return {
    alarms: found,
    watchesTimeouts: live.some((a) => a.metricName === "ExecutionsTimedOut"),
    watchesFailures: live.some((a) => a.metricName === "ExecutionsFailed"),
  };
}
