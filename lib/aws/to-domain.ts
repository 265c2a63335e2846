// SDK shapes → lib/domain shapes (Dates → ISO strings). Pure and type-only on the SDK side,
// so the CLI may use it too: no "server-only" here.
import type {
  DescribeExecutionOutput,
  DescribeStateMachineForExecutionOutput,
  DescribeStateMachineOutput,
  ExecutionListItem,
  HistoryEvent as SdkHistoryEvent,
  StateMachineListItem,
} from "@aws-sdk/client-sfn";
import type { Dimension, MetricAlarm, MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { ExecutionDescription, ExecutionStatus, ExecutionSummary } from "@/lib/domain/execution";
import type { HistoryEvent } from "@/lib/domain/history-event";
import type { AlarmMetricRef, AlarmSummary } from "@/lib/domain/metrics";
import type { StateMachineDescription, StateMachineSummary, StateMachineType } from "@/lib/domain/state-machine";

/** A Date (or anything Date-like the SDK parsed) as an ISO string; null when absent or invalid. */
export function toIso(value: Date | string | number | undefined | null): string | null {
  if (value === undefined || value === null) return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** UTF-8 bytes of a payload string as AWS holds it (the 262,144-byte cap counts these, not UTF-16 units). */
export function utf8Bytes(value: string | undefined | null): number | null {
  return typeof value === "string" ? Buffer.byteLength(value, "utf8") : null;
}

function stateMachineType(type: string | undefined): StateMachineType {
  return type === "EXPRESS" ? "EXPRESS" : "STANDARD";
}

/** One ListStateMachines row, with the region it was listed in. */
export function toStateMachineSummary(item: StateMachineListItem, region: string): StateMachineSummary {
  return {
    stateMachineArn: item.stateMachineArn ?? "",
    name: item.name ?? "",
    type: stateMachineType(item.type),
    region,
    creationDate: toIso(item.creationDate) ?? "",
  };
}

/** One ListExecutions row. */
export function toExecutionSummary(item: ExecutionListItem): ExecutionSummary {
  const summary: ExecutionSummary = {
    executionArn: item.executionArn ?? "",
    stateMachineArn: item.stateMachineArn ?? "",
    name: item.name ?? "",
    status: item.status as ExecutionStatus,
    startDate: toIso(item.startDate) ?? "",
    stopDate: toIso(item.stopDate),
  };
  if (item.redriveCount !== undefined) summary.redriveCount = item.redriveCount;
  // Set when the execution was started through a version or an alias (the failure index keeps both).
  if (item.stateMachineVersionArn) summary.stateMachineVersionArn = item.stateMachineVersionArn;
  if (item.stateMachineAliasArn) summary.stateMachineAliasArn = item.stateMachineAliasArn;
  return summary;
}

/** DescribeExecution; input/output kept as AWS sent them, with their UTF-8 sizes. */
export function toExecutionDescription(output: DescribeExecutionOutput): ExecutionDescription {
  const description: ExecutionDescription = {
    executionArn: output.executionArn ?? "",
    stateMachineArn: output.stateMachineArn ?? "",
    name: output.name ?? "",
    status: output.status as ExecutionStatus,
    startDate: toIso(output.startDate) ?? "",
    stopDate: toIso(output.stopDate),
    error: output.error ?? null,
    cause: output.cause ?? null,
    inputBytes: utf8Bytes(output.input),
    outputBytes: utf8Bytes(output.output),
    input: output.input ?? null,
    output: output.output ?? null,
    redriveStatus: output.redriveStatus ?? null,
    redriveDate: toIso(output.redriveDate),
  };
  if (output.redriveCount !== undefined) description.redriveCount = output.redriveCount;
  return description;
}

/** DescribeStateMachine. */
export function toStateMachineDescription(output: DescribeStateMachineOutput, region: string): StateMachineDescription {
  const description: StateMachineDescription = {
    stateMachineArn: output.stateMachineArn ?? "",
    name: output.name ?? "",
    type: stateMachineType(output.type),
    region,
    creationDate: toIso(output.creationDate) ?? "",
    definition: output.definition ?? "",
  };
  if (output.roleArn !== undefined) description.roleArn = output.roleArn;
  if (output.status !== undefined) description.status = output.status;
  return description;
}

/**
 * DescribeStateMachineForExecution: the definition the execution actually ran. The API has neither
 * `type` nor `creationDate`: it only answers for Standard executions (Express → StateMachineTypeNotSupported),
 * and `creationDate` carries its `updateDate`, the date of that definition.
 */
export function toStateMachineDescriptionForExecution(
  output: DescribeStateMachineForExecutionOutput,
  region: string,
): StateMachineDescription {
  const description: StateMachineDescription = {
    stateMachineArn: output.stateMachineArn ?? "",
    name: output.name ?? "",
    type: "STANDARD",
    region,
    creationDate: toIso(output.updateDate) ?? "",
    definition: output.definition ?? "",
  };
  if (output.roleArn !== undefined) description.roleArn = output.roleArn;
  return description;
}

/** A history event keeps the SDK's field shapes; only its timestamp becomes an ISO string. */
export function toHistoryEvent(event: SdkHistoryEvent): HistoryEvent {
  return { ...event, id: event.id ?? 0, type: event.type ?? "", timestamp: toIso(event.timestamp) ?? "" } as HistoryEvent;
}

function toDimensions(dimensions: Dimension[] | undefined): { name: string; value: string }[] {
  return (dimensions ?? []).map((d) => ({ name: d.Name ?? "", value: d.Value ?? "" }));
}

function toAlarmMetricRef(query: MetricDataQuery): AlarmMetricRef {
  const ref: AlarmMetricRef = { id: query.Id ?? "" };
  const metric = query.MetricStat?.Metric;
  if (metric?.Namespace !== undefined) ref.namespace = metric.Namespace;
  if (metric?.MetricName !== undefined) ref.metricName = metric.MetricName;
  if (metric) ref.dimensions = toDimensions(metric.Dimensions);
  if (query.Expression !== undefined) ref.expression = query.Expression;
  if (query.MetricStat?.Stat !== undefined) ref.stat = query.MetricStat.Stat;
  const period = query.MetricStat?.Period ?? query.Period;
  if (period !== undefined) ref.periodSeconds = period;
  return ref;
}

/** One DescribeAlarms MetricAlarm, metric-math `Metrics[]` included. */
export function toAlarmSummary(alarm: MetricAlarm): AlarmSummary {
  return {
    alarmName: alarm.AlarmName ?? "",
    alarmArn: alarm.AlarmArn ?? "",
    alarmDescription: alarm.AlarmDescription ?? null,
    stateValue: alarm.StateValue ?? "INSUFFICIENT_DATA",
    stateReason: alarm.StateReason ?? null,
    stateUpdatedTimestamp: toIso(alarm.StateUpdatedTimestamp),
    namespace: alarm.Namespace ?? null,
    metricName: alarm.MetricName ?? null,
    dimensions: toDimensions(alarm.Dimensions),
    metrics: (alarm.Metrics ?? []).map(toAlarmMetricRef),
    statistic: alarm.Statistic ?? alarm.ExtendedStatistic ?? null,
    threshold: alarm.Threshold ?? null,
    comparisonOperator: alarm.ComparisonOperator ?? null,
    evaluationPeriods: alarm.EvaluationPeriods ?? null,
    periodSeconds: alarm.Period ?? null,
    actionsEnabled: alarm.ActionsEnabled ?? false,
  };
}
