import type { MetricAlarm } from "@aws-sdk/client-cloudwatch";

/** One datapoint the gateway published: epoch ms and value. */
export interface Datapoint {
  atMs: number;
  value: number;
}

/** The metric an alarm watches, when it watches exactly one (plain or a single MetricStat in Metrics[]). */
export interface WatchedMetric {
  namespace: string;
  metricName: string;
  dimensions: { Name: string; Value: string }[];
  periodS: number;
  stat: string;
}

/** Which single metric an alarm watches, or null for expressions and anomaly bands we don't evaluate. */
export function watchedMetric(alarm: MetricAlarm): WatchedMetric | null {
  if (alarm.MetricName && alarm.Namespace) {
    return {
      namespace: alarm.Namespace,
      metricName: alarm.MetricName,
      dimensions: (alarm.Dimensions ?? []).map((d) => ({ Name: d.Name ?? "", Value: d.Value ?? "" })),
      periodS: alarm.Period ?? 60,
      stat: alarm.Statistic ?? alarm.ExtendedStatistic ?? "Sum",
    };
  }
  const returned = (alarm.Metrics ?? []).filter((m) => m.ReturnData !== false);
  const only = returned.length === 1 ? returned[0] : undefined;
  const stat = only?.MetricStat;
  if (!stat?.Metric?.MetricName || !stat.Metric.Namespace) return null;
  return {
    namespace: stat.Metric.Namespace,
    metricName: stat.Metric.MetricName,
    dimensions: (stat.Metric.Dimensions ?? []).map((d) => ({ Name: d.Name ?? "", Value: d.Value ?? "" })),
    periodS: stat.Period ?? 60,
    stat: stat.Stat ?? "Sum",
  };
}

/** Same metric and exactly the same dimension set (CloudWatch matches dimensions exactly, order aside). */
export function sameMetric(watched: WatchedMetric, namespace: string, metricName: string, dimensions: { Name: string; Value: string }[]): boolean {
  if (watched.namespace !== namespace || watched.metricName !== metricName) return false;
  if (watched.dimensions.length !== dimensions.length) return false;
  return dimensions.every((d) => watched.dimensions.some((w) => w.Name === d.Name && w.Value === d.Value));
}

/** The alarm's statistic over the datapoints of one period ending at `endMs`; null when there are none. */
export function statisticOver(points: readonly Datapoint[], stat: string, periodS: number, endMs: number): number | null {
  const inWindow = points.filter((p) => p.atMs > endMs - periodS * 1000 && p.atMs <= endMs).map((p) => p.value);
  if (inWindow.length === 0) return null;
  switch (stat) {
    case "Sum":
      return inWindow.reduce((a, b) => a + b, 0);
    case "SampleCount":
      return inWindow.length;
    case "Minimum":
      return Math.min(...inWindow);
    case "Maximum":
      return Math.max(...inWindow);
    default:
      // Average, and percentiles (p99…) approximated by the average: good enough to make a demo alarm fire.
      return inWindow.reduce((a, b) => a + b, 0) / inWindow.length;
  }
}

/** Does `value` breach the alarm's threshold? Anomaly-band operators are never evaluated here. */
export function breaches(alarm: Pick<MetricAlarm, "ComparisonOperator" | "Threshold">, value: number): boolean {
  const threshold = alarm.Threshold;
  if (threshold === undefined) return false;
  switch (alarm.ComparisonOperator) {
    case "GreaterThanOrEqualToThreshold":
      return value >= threshold;
    case "GreaterThanThreshold":
      return value > threshold;
    case "LessThanThreshold":
      return value < threshold;
    case "LessThanOrEqualToThreshold":
      return value <= threshold;
    default:
      return false;
  }
}

/** The StateReason CloudWatch writes when an alarm fires, e.g. "Threshold Crossed: 1 datapoint [2.0 (23/11/26 16:02:00)] was greater than…". */
export function thresholdCrossedReason(alarm: Pick<MetricAlarm, "ComparisonOperator" | "Threshold">, value: number, atMs: number): string {
  const d = new Date(atMs);
  const pad = (n: number) => String(n).padStart(2, "0");
  const when = `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCFullYear() % 100)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  const words: Record<string, string> = {
    GreaterThanOrEqualToThreshold: "greater than or equal to",
    GreaterThanThreshold: "greater than",
    LessThanThreshold: "less than",
    LessThanOrEqualToThreshold: "less than or equal to",
  };
  return `Threshold Crossed: 1 datapoint [${value.toFixed(1)} (${when})] was ${words[alarm.ComparisonOperator ?? ""] ?? "beyond"} the threshold (${(alarm.Threshold ?? 0).toFixed(1)}).`;
}

/** The start of the period holding `atMs`: CloudWatch names each datapoint by the start of its period. */
export function periodStartOf(atMs: number, periodS: number): number {
  const ms = periodS * 1000;
  return Math.floor(atMs / ms) * ms;
}

/**
 * StateReasonData as CloudWatch writes it for a threshold alarm: version, queryDate, startDate, statistic,
 * period, recentDatapoints, threshold and evaluatedDatapoints [{timestamp, sampleCount, value}], timestamps
 * in CloudWatch's "2026-11-23T16:02:00.000+0000" form.
 */
export function stateReasonData(input: { stat: string; periodS: number; value: number; sampleCount: number; threshold: number | undefined; periodStartMs: number; nowMs: number }): string {
  const cw = (ms: number) => new Date(ms).toISOString().replace("Z", "+0000");
  return JSON.stringify({
    version: "1.0",
    queryDate: cw(input.nowMs),
    startDate: cw(input.periodStartMs),
    statistic: input.stat,
    period: input.periodS,
    recentDatapoints: [input.value],
    threshold: input.threshold,
    evaluatedDatapoints: [{ timestamp: cw(input.periodStartMs), sampleCount: input.sampleCount, value: input.value }],
  });
}
