import type { AlarmWatch } from "@/lib/domain/fleet";
import type { IndexCoverage, IndexedStatus } from "@/lib/domain/failures";

const HOUR_MS = 3_600_000;
/** Most hourly buckets a series carries (30 days, the default retention). */
export const MAX_HOURLY_BUCKETS = 24 * 30;

/** Hourly counts from hour number → count, as an array over the window (oldest first, zeros included, bounded). */
export function toHourlySeries(byHour: ReadonlyMap<number, number>, fromMs: number, toMs: number): number[] {
  const last = Math.floor(toMs / HOUR_MS);
  const first = Math.max(Math.floor(fromMs / HOUR_MS), last - MAX_HOURLY_BUCKETS + 1);
  const series: number[] = [];
  for (let hour = first; hour <= last; hour++) series.push(byHour.get(hour) ?? 0);
  return series;
}

// A status ends up in one AWS/States metric (AWS-FACTS.md: CloudWatch).
const METRIC_OF_STATUS: Record<IndexedStatus, string> = { FAILED: "ExecutionsFailed", TIMED_OUT: "ExecutionsTimedOut", ABORTED: "ExecutionsAborted" };

/** The alarms (of a state machine's) that watch the metric these statuses are counted in. */
export function alarmsForStatuses(watches: readonly AlarmWatch[], statuses: readonly IndexedStatus[]): AlarmWatch[] {
  const metrics = new Set(statuses.map((s) => METRIC_OF_STATUS[s]));
  return watches.filter((w) => metrics.has(w.metricName));
}

/**
 * Failures the index holds against CloudWatch's ExecutionsFailed + TimedOut + Aborted sums over the same
 * hours. CloudWatch counts per period start, so the window is widened to whole hours on both sides.
 */
export function buildCoverage(
  indexed: ReadonlyMap<string, number>,
  cloudWatch: ReadonlyMap<string, readonly { startMs: number; value: number }[]>,
  stateMachineArns: readonly string[],
  window: { fromMs: number; toMs: number },
): IndexCoverage[] {
  const fromHour = Math.floor(window.fromMs / HOUR_MS) * HOUR_MS;
  return stateMachineArns.map((arn) => {
    const series = cloudWatch.get(arn);
    const sum = series ? series.filter((p) => p.startMs >= fromHour && p.startMs <= window.toMs).reduce((total, p) => total + p.value, 0) : null;
    return { stateMachineArn: arn, indexed: indexed.get(arn) ?? 0, cloudWatch: sum === null ? null : Math.round(sum) };
  });
}

/** "N of M" when the index holds fewer than CloudWatch counted; null when they agree or M is unknown. */
export function describeCoverage(coverage: IndexCoverage): string | null {
  if (coverage.cloudWatch === null || coverage.indexed >= coverage.cloudWatch) return null;
  return `${coverage.indexed.toLocaleString("en-US")} of ${coverage.cloudWatch.toLocaleString("en-US")}`;
}
