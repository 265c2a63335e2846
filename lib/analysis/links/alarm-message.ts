/**
 * CloudWatch alarm notifications as SNS delivers them (AWS-FACTS.md: Alarm SNS message JSON), possibly
 * still wrapped in the SNS envelope whose `Message` is the alarm JSON as a string.
 */

/** The parts of an alarm notification that point at a state machine and a time window. */
export interface AlarmNotification {
  alarmName: string;
  newStateValue: string | null;
  stateChangeTime: string | null;
  region: string | null;
  namespace: string | null;
  metricName: string | null;
  stateMachineArn: string | null;
  periodSeconds: number | null;
  evaluationPeriods: number | null;
  /** [from, to] in ISO: the evaluated window that ended at the state change. */
  window: { from: string; to: string } | null;
}

/** Why a text is not an alarm notification we can act on. */
export class AlarmMessageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AlarmMessageError";
  }
}

// SNS messages are at most 256 KiB; anything larger was not sent by SNS.
const MAX_MESSAGE_CHARS = 262_144;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function str(value: unknown): string | null {
  return typeof value === "string" && value.length > 0 ? value : null;
}

function num(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" ? Number(value) : NaN;
  return Number.isFinite(n) && n > 0 ? n : null;
}

/** Parses an alarm notification; throws AlarmMessageError saying what is missing or wrong. */
export function parseAlarmNotification(text: string): AlarmNotification {
  if (text.length > MAX_MESSAGE_CHARS) throw new AlarmMessageError(`The message is ${text.length} characters; SNS messages are at most ${MAX_MESSAGE_CHARS}.`);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AlarmMessageError("The alarm message is not valid JSON.");
  }
  if (isRecord(json) && typeof json.Message === "string" && json.Type === "Notification") {
    return parseAlarmNotification(json.Message);
  }
  if (!isRecord(json)) throw new AlarmMessageError("The alarm message must be a JSON object.");
  const alarmName = str(json.AlarmName);
  if (!alarmName) throw new AlarmMessageError("The JSON has no AlarmName: it is not a CloudWatch alarm notification.");
  const trigger = isRecord(json.Trigger) ? json.Trigger : {};
  const namespace = str(trigger.Namespace);
  const dimensions = Array.isArray(trigger.Dimensions) ? trigger.Dimensions : [];
  let stateMachineArn: string | null = null;
  for (const d of dimensions) {
    // SNS writes dimensions as {name, value}; the API as {Name, Value}. Accept both.
    if (isRecord(d) && (d.name ?? d.Name) === "StateMachineArn") stateMachineArn = str(d.value ?? d.Value);
  }
  const periodSeconds = num(trigger.Period);
  const evaluationPeriods = num(trigger.EvaluationPeriods) ?? (periodSeconds ? 1 : null);
  const stateChangeTime = str(json.StateChangeTime);
  let window: AlarmNotification["window"] = null;
  const changedMs = stateChangeTime ? Date.parse(stateChangeTime) : NaN;
  const fromMs = changedMs - (periodSeconds ?? 0) * (evaluationPeriods ?? 0) * 1000;
  // Date's range ends at ±8.64e15 ms; past it toISOString throws. CloudWatch never sends such periods.
  if (Number.isFinite(changedMs) && periodSeconds && evaluationPeriods && fromMs >= -8.64e15) {
    window = { from: new Date(fromMs).toISOString(), to: new Date(changedMs).toISOString() };
  }
  return {
    alarmName,
    newStateValue: str(json.NewStateValue),
    stateChangeTime,
    region: str(json.Region),
    namespace,
    metricName: str(trigger.MetricName),
    stateMachineArn,
    periodSeconds,
    evaluationPeriods,
    window,
  };
}
