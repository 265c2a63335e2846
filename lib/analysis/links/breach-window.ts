/**
 * The breach window of a CloudWatch alarm state change, from the datapoints that breached
 * (docs/aws-facts-alarms.md). StateChangeTime is when CloudWatch evaluated, typically one to several
 * minutes after the breaching period ended, so a window counted back from it misses the executions
 * that tripped the alarm.
 */
import type { BreachDatapoint, BreachWindow } from "@/lib/domain/alarm-view";

// How late CloudWatch may evaluate a period, for the approximate window when no timestamp is named.
const LATE_EVALUATION_MS = 5 * 60_000;
// Date's range; a period or timestamp past it cannot be a real CloudWatch value.
const MAX_DATE_MS = 8.64e15;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function finite(value: unknown): number | null {
  const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
  return Number.isFinite(n) ? n : null;
}

function iso(ms: number): string | null {
  return Number.isFinite(ms) && Math.abs(ms) <= MAX_DATE_MS ? new Date(ms).toISOString() : null;
}

/**
 * A CloudWatch timestamp as ISO: "2015-06-03T17:43:27.123+0000" (SNS, reason data; no colon in the
 * offset), "2019-10-02T17:04:40Z" (EventBridge) or an ISO string. Null when it is not a time.
 */
export function toIsoTimestamp(value: unknown): string | null {
  if (typeof value !== "string" || value.length > 40) return null;
  const text = value.trim().replace(/([+-]\d{2})(\d{2})$/, "$1:$2");
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return null;
  return iso(Date.parse(text));
}

// "5.0 (01/12/26 20:34:00)": value, then dd/MM/yy HH:mm:ss in UTC — the START of the datapoint's period.
const REASON_DATAPOINT = /(-?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|NaN)\s*\((\d{2})\/(\d{2})\/(\d{2}) (\d{2}):(\d{2}):(\d{2})\)/g;

/** The datapoints a reason text names, e.g. "Threshold Crossed: 1 out of the last 1 datapoints [5.0 (01/12/26 20:34:00)] …", ascending. */
export function datapointsFromReasonText(reason: string): BreachDatapoint[] {
  const out: BreachDatapoint[] = [];
  for (const m of reason.slice(0, 10_000).matchAll(REASON_DATAPOINT)) {
    const [, value, dd, mm, yy, hh, mi, ss] = m;
    const ms = Date.UTC(2000 + Number(yy), Number(mm) - 1, Number(dd), Number(hh), Number(mi), Number(ss));
    const date = new Date(ms);
    // Reject 31/02 and the like rather than let Date roll them over into March.
    if (date.getUTCDate() !== Number(dd) || date.getUTCMonth() !== Number(mm) - 1 || Number(hh) > 23 || Number(mi) > 59 || Number(ss) > 59) continue;
    out.push({ timestamp: date.toISOString(), value: finite(value) });
  }
  return sortUnique(out);
}

/** What a reasonData / StateReasonData JSON holds (a JSON string, or already an object). */
export interface ReasonData {
  periodSeconds: number | null;
  threshold: number | null;
  startDate: string | null;
  /** evaluatedDatapoints, ascending; a datapoint with no value is one treated as missing. */
  evaluated: BreachDatapoint[];
}

/** Reads reasonData (EventBridge), StateReasonData (DescribeAlarms) or HistoryData's stateReasonData. */
export function readReasonData(raw: unknown): ReasonData | null {
  let data: unknown = raw;
  if (typeof raw === "string") {
    if (raw.length > 262_144) return null;
    try {
      data = JSON.parse(raw);
    } catch {
      return null;
    }
  }
  if (!isRecord(data)) return null;
  const evaluated: BreachDatapoint[] = [];
  for (const point of Array.isArray(data.evaluatedDatapoints) ? data.evaluatedDatapoints : []) {
    if (!isRecord(point)) continue;
    const timestamp = toIsoTimestamp(point.timestamp);
    if (timestamp) evaluated.push({ timestamp, value: finite(point.value) });
  }
  const period = finite(data.period);
  return {
    periodSeconds: period !== null && period > 0 ? period : null,
    threshold: finite(data.threshold),
    startDate: toIsoTimestamp(data.startDate),
    evaluated: sortUnique(evaluated),
  };
}

function sortUnique(points: BreachDatapoint[]): BreachDatapoint[] {
  const byTime = new Map(points.map((p) => [p.timestamp, p]));
  return [...byTime.values()].sort((a, b) => a.timestamp.localeCompare(b.timestamp));
}

/** Does `value` breach the threshold under this ComparisonOperator? Null when the operator is a band or unknown. */
export function breachesThreshold(value: number, comparisonOperator: string | null, threshold: number | null): boolean | null {
  if (threshold === null) return null;
  switch (comparisonOperator) {
    case "GreaterThanOrEqualToThreshold":
      return value >= threshold;
    case "GreaterThanThreshold":
      return value > threshold;
    case "LessThanThreshold":
      return value < threshold;
    case "LessThanOrEqualToThreshold":
      return value <= threshold;
    default:
      return null;
  }
}

/**
 * The breaching datapoints among those evaluated ("2 out of the last 3" lists all three). Datapoints
 * with no value (missing data treated as breaching) and unknown operators keep everything.
 */
export function breachingDatapoints(points: BreachDatapoint[], comparisonOperator: string | null, threshold: number | null): BreachDatapoint[] {
  const breaching = points.filter((p) => p.value === null || breachesThreshold(p.value, comparisonOperator, threshold) !== false);
  return breaching.length > 0 ? breaching : points;
}

/** What a state change says about its datapoints; every field may be missing. */
export interface BreachInput {
  reasonData?: unknown;
  reasonText?: string | null;
  periodSeconds: number | null;
  evaluationPeriods?: number | null;
  comparisonOperator: string | null;
  threshold: number | null;
  stateChangeTime: string | null;
}

function windowOf(points: BreachDatapoint[], periodSeconds: number, source: BreachWindow["source"]): BreachWindow | null {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return null;
  const to = iso(Date.parse(last.timestamp) + periodSeconds * 1000);
  if (!to) return null;
  return { periodSeconds, datapoints: points, from: first.timestamp, to, source };
}

/**
 * The breach window: evaluatedDatapoints of the reason data, else the timestamps in the reason text,
 * else the reason data's startDate, each datapoint covering [timestamp, timestamp + period). Only when
 * none names a time: an approximate window ending at StateChangeTime, wide enough for late evaluation.
 */
export function buildBreachWindow(input: BreachInput): BreachWindow | null {
  const data = input.reasonData === undefined || input.reasonData === null ? null : readReasonData(input.reasonData);
  const period = data?.periodSeconds ?? (input.periodSeconds && input.periodSeconds > 0 ? input.periodSeconds : null);
  if (!period || period * 1000 > MAX_DATE_MS) return null;
  const threshold = input.threshold ?? data?.threshold ?? null;
  if (data && data.evaluated.length > 0) {
    return windowOf(breachingDatapoints(data.evaluated, input.comparisonOperator, threshold), period, "reason-data");
  }
  const fromText = input.reasonText ? datapointsFromReasonText(input.reasonText) : [];
  if (fromText.length > 0) return windowOf(breachingDatapoints(fromText, input.comparisonOperator, threshold), period, "reason-text");
  if (data?.startDate) return windowOf([{ timestamp: data.startDate, value: null }], period, "reason-data");
  const changed = input.stateChangeTime ? Date.parse(input.stateChangeTime) : NaN;
  const periods = input.evaluationPeriods && input.evaluationPeriods > 0 ? input.evaluationPeriods : 1;
  const from = iso(changed - period * periods * 1000 - LATE_EVALUATION_MS);
  const to = iso(changed);
  return from && to ? { periodSeconds: period, datapoints: [], from, to, source: "approximate" } : null;
}
