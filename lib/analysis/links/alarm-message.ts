/**
 * CloudWatch alarm state changes as they reach an engineer (docs/aws-facts-alarms.md): the alarm JSON
 * SNS publishes (possibly still in its SNS envelope, or in the Lambda SNS event's Records[]), the
 * EventBridge "CloudWatch Alarm State Change" event, and the Lambda alarm action's payload.
 */
import type { BreachWindow } from "@/lib/domain/alarm-view";
import { parseAlarmArn } from "./alarm-path";
import { buildBreachWindow, toIsoTimestamp } from "./breach-window";

/** One metric an alarm reads: the alarm's own, or one MetricStat of a metric-math alarm. */
export interface AlarmMetric {
  namespace: string | null;
  metricName: string | null;
  dimensions: { name: string; value: string }[];
  periodSeconds: number | null;
}

/** What an alarm state change says: which alarm, which metrics, and the breach window. */
export interface AlarmNotification {
  format: "sns" | "eventbridge";
  alarmName: string;
  alarmArn: string | null;
  /** Region code, from the alarm ARN or the event (SNS's `Region` is a display name, never used). */
  region: string | null;
  newStateValue: string | null;
  /** ISO. When CloudWatch evaluated — not when the breach happened. */
  stateChangeTime: string | null;
  reason: string | null;
  metrics: AlarmMetric[];
  metricMath: boolean;
  /** The first StateMachineArn dimension of an AWS/States metric. */
  stateMachineArn: string | null;
  threshold: number | null;
  comparisonOperator: string | null;
  periodSeconds: number | null;
  evaluationPeriods: number | null;
  breach: BreachWindow | null;
}

/** Why a text is not an alarm notification we can act on. */
export class AlarmMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AlarmMessageError";
  }
}

// SNS messages (and EventBridge events) are at most 256 KiB; anything larger was not sent by AWS.
const MAX_MESSAGE_CHARS = 262_144;

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

function num(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

function positive(value: unknown): number | null {
  const n = num(value);
  return n !== null && n > 0 ? n : null;
}

/** SNS writes dimensions as [{name, value}], the API as [{Name, Value}], EventBridge as {Name: value}. */
function toDimensions(raw: unknown): AlarmMetric["dimensions"] {
  if (Array.isArray(raw)) {
    return raw.flatMap((d) => {
      if (!isRecord(d)) return [];
      const name = str(d.name ?? d.Name);
      const value = str(d.value ?? d.Value);
      return name && value ? [{ name, value }] : [];
    });
  }
  if (isRecord(raw)) return Object.entries(raw).flatMap(([name, value]) => (typeof value === "string" && value ? [{ name, value }] : []));
  return [];
}

/** A metric-math entry: SNS spells it {Id, MetricStat: {Metric: {MetricName, Namespace, Dimensions}, Period}}, EventBridge in camelCase with `name`. */
function toMathMetric(entry: unknown): AlarmMetric | null {
  if (!isRecord(entry)) return null;
  const stat = entry.MetricStat ?? entry.metricStat;
  if (!isRecord(stat)) return null;
  const metric = stat.Metric ?? stat.metric;
  if (!isRecord(metric)) return null;
  return {
    namespace: str(metric.Namespace ?? metric.namespace),
    metricName: str(metric.MetricName ?? metric.metricName ?? metric.name),
    dimensions: toDimensions(metric.Dimensions ?? metric.dimensions),
    periodSeconds: positive(stat.Period ?? stat.period),
  };
}

function stateMachineOf(metrics: AlarmMetric[]): string | null {
  for (const m of metrics) {
    if (m.namespace !== null && m.namespace !== "AWS/States") continue;
    const arn = m.dimensions.find((d) => d.name === "StateMachineArn")?.value;
    if (arn) return arn;
  }
  return null;
}

function periodOf(own: number | null, metrics: AlarmMetric[]): number | null {
  if (own) return own;
  // Metric-math alarms have no Period of their own: their metrics' period is the datapoints' period.
  const periods = metrics.map((m) => m.periodSeconds).filter((p): p is number => p !== null);
  return periods.length > 0 ? Math.max(...periods) : null;
}

function fromSns(json: Json): AlarmNotification {
  const alarmName = str(json.AlarmName);
  if (!alarmName) throw new AlarmMessageError("The JSON has no AlarmName: it is not a CloudWatch alarm notification.");
  const trigger = isRecord(json.Trigger) ? json.Trigger : {};
  const math = Array.isArray(trigger.Metrics) ? trigger.Metrics : null;
  const metrics: AlarmMetric[] = math
    ? math.map(toMathMetric).filter((m): m is AlarmMetric => m !== null)
    : [{ namespace: str(trigger.Namespace), metricName: str(trigger.MetricName), dimensions: toDimensions(trigger.Dimensions), periodSeconds: positive(trigger.Period) }];
  const alarmArn = str(json.AlarmArn);
  const periodSeconds = periodOf(positive(trigger.Period), metrics);
  const evaluationPeriods = positive(trigger.EvaluationPeriods);
  const stateChangeTime = toIsoTimestamp(json.StateChangeTime);
  const reason = str(json.NewStateReason);
  const threshold = num(trigger.Threshold);
  const comparisonOperator = str(trigger.ComparisonOperator);
  return {
    format: "sns",
    alarmName,
    alarmArn,
    region: alarmArn ? (parseAlarmArn(alarmArn)?.region ?? null) : null,
    newStateValue: str(json.NewStateValue),
    stateChangeTime,
    reason,
    metrics,
    metricMath: math !== null,
    stateMachineArn: stateMachineOf(metrics),
    threshold,
    comparisonOperator,
    periodSeconds,
    evaluationPeriods,
    breach: buildBreachWindow({ reasonText: reason, periodSeconds, evaluationPeriods, comparisonOperator, threshold, stateChangeTime }),
  };
}

/** The EventBridge event's `detail`, or the Lambda alarm action's `alarmData` (same shape). */
function fromEvent(json: Json, detail: Json): AlarmNotification {
  const alarmName = str(detail.alarmName);
  if (!alarmName) throw new AlarmMessageError("The event has no detail.alarmName: it is not a CloudWatch alarm state change.");
  const state = isRecord(detail.state) ? detail.state : {};
  const configuration = isRecord(detail.configuration) ? detail.configuration : {};
  const rawMetrics = Array.isArray(configuration.metrics) ? configuration.metrics : [];
  const metrics = rawMetrics.map(toMathMetric).filter((m): m is AlarmMetric => m !== null);
  // Single-metric alarms arrive as one metrics[] entry too; more than one, or an expression, is metric math.
  const metricMath = rawMetrics.some((m) => isRecord(m) && typeof m.expression === "string") || metrics.length > 1;
  const resources = Array.isArray(json.resources) ? json.resources : [];
  const alarmArn = str(json.alarmArn) ?? resources.map(str).find((r) => r !== null && parseAlarmArn(r) !== null) ?? null;
  const region = (alarmArn ? parseAlarmArn(alarmArn)?.region : null) ?? str(json.region);
  const periodSeconds = periodOf(null, metrics);
  const stateChangeTime = toIsoTimestamp(state.timestamp) ?? toIsoTimestamp(json.time);
  const reason = str(state.reason);
  const reasonData = state.reasonData ?? null;
  const threshold = num(configuration.threshold);
  const comparisonOperator = str(configuration.comparisonOperator);
  return {
    format: "eventbridge",
    alarmName,
    alarmArn,
    region,
    newStateValue: str(state.value),
    stateChangeTime,
    reason,
    metrics,
    metricMath,
    stateMachineArn: stateMachineOf(metrics),
    threshold,
    comparisonOperator,
    periodSeconds,
    evaluationPeriods: positive(configuration.evaluationPeriods),
    breach: buildBreachWindow({ reasonData, reasonText: reason, periodSeconds, comparisonOperator, threshold, stateChangeTime }),
  };
}

/** Parses an alarm notification or alarm state-change event; throws AlarmMessageError saying what is missing or wrong. */
export function parseAlarmNotification(text: string, depth = 0): AlarmNotification {
  if (text.length > MAX_MESSAGE_CHARS) throw new AlarmMessageError(`The message is ${text.length} characters; SNS messages are at most ${MAX_MESSAGE_CHARS}.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AlarmMessageError("The alarm message is not valid JSON.");
  }
  if (!isRecord(json)) throw new AlarmMessageError("The alarm message must be a JSON object.");
  // The SNS envelope, and the Lambda SNS event around it: the alarm JSON is a string inside.
  const record = Array.isArray(json.Records) && isRecord(json.Records[0]) ? json.Records[0] : null;
  const inner = json.Type === "Notification" && typeof json.Message === "string" ? json.Message : record && isRecord(record.Sns) && typeof record.Sns.Message === "string" ? record.Sns.Message : null;
  if (inner !== null) {
    if (depth >= 2) throw new AlarmMessageError("The SNS message is wrapped more than twice.");
    return parseAlarmNotification(inner, depth + 1);
  }
  if (json["detail-type"] !== undefined || json.source === "aws.cloudwatch") {
    if (json["detail-type"] !== undefined && json["detail-type"] !== "CloudWatch Alarm State Change") {
      throw new AlarmMessageError(`The event is a "${String(json["detail-type"]).slice(0, 80)}", not a "CloudWatch Alarm State Change".`);
    }
    const detail = isRecord(json.detail) ? json.detail : isRecord(json.alarmData) ? json.alarmData : null;
    if (!detail) throw new AlarmMessageError("The event has no detail: it is not a CloudWatch alarm state change.");
    return fromEvent(json, detail);
  }
  return fromSns(json);
}
