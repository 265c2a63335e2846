import type { AlarmDetail, AlarmExecution, BreachWindow } from "@/lib/domain/alarm-view";
import { formatDuration } from "@/lib/analysis/format";

const OPERATORS: Record<string, string> = {
  GreaterThanOrEqualToThreshold: "≥",
  GreaterThanThreshold: ">",
  LessThanThreshold: "<",
  LessThanOrEqualToThreshold: "≤",
};

/** "60 s", "5 min", "1 h": CloudWatch periods are whole seconds, usually whole minutes. */
export function periodText(seconds: number): string {
  if (seconds < 120 || seconds % 60 !== 0) return `${seconds} s`;
  if (seconds < 7200 || seconds % 3600 !== 0) return `${seconds / 60} min`;
  return `${seconds / 3600} h`;
}

/** "ExecutionsTimedOut Sum ≥ 1 per 60 s, 1 of 1 periods" — the alarm's condition in one line. */
export function describeCondition(alarm: AlarmDetail, metricNames: string[], periodSeconds: number | null): string {
  const metric = alarm.metricName ?? (metricNames.length > 0 ? `metric math over ${metricNames.join(" + ")}` : "metric math");
  const stat = alarm.statistic ? ` ${alarm.statistic}` : "";
  const op = alarm.comparisonOperator ? (OPERATORS[alarm.comparisonOperator] ?? alarm.comparisonOperator) : "?";
  const threshold = alarm.threshold === null ? "its band" : String(alarm.threshold);
  const period = periodSeconds ? ` per ${periodText(periodSeconds)}` : "";
  const periods = alarm.evaluationPeriods ? `, ${alarm.datapointsToAlarm ?? alarm.evaluationPeriods} of ${alarm.evaluationPeriods} period${alarm.evaluationPeriods === 1 ? "" : "s"}` : "";
  return `${metric}${stat} ${op} ${threshold}${period}${periods}`;
}

const SOURCES: Record<BreachWindow["source"], string> = {
  "reason-data": "from the breaching datapoints in the alarm's reason data",
  "reason-text": "from the breaching datapoints named in the alarm's reason",
  link: "as given in the link",
  approximate: "approximate: the alarm's reason names no datapoint time, so this window ends at the state change",
};

/** Where the breach window came from, in words. */
export function describeBreachSource(breach: BreachWindow): string {
  return SOURCES[breach.source];
}

/** "41 s before the window", "12 s after the window". */
export function describeOffset(execution: AlarmExecution): string {
  if (execution.offsetMs === null) return "";
  if (execution.offsetMs === 0) return "inside the window";
  return `${formatDuration(Math.abs(execution.offsetMs))} ${execution.offsetMs < 0 ? "before" : "after"} the window`;
}

/** How long after the breach window CloudWatch changed the alarm's state (AWS/States datapoints are evaluated late). */
export function describeLateness(breach: BreachWindow | null, at: string | null): string | null {
  if (!breach || !at) return null;
  const late = Date.parse(at) - Date.parse(breach.to);
  if (!Number.isFinite(late)) return null;
  return late >= 0 ? `${formatDuration(late)} after the breach window ended` : `${formatDuration(-late)} before the breach window ended`;
}
