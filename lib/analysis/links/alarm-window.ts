/**
 * Which executions tripped an alarm: those of the status its metric counts whose stopDate falls inside
 * a breaching period. AWS/States publishes ExecutionsFailed / TimedOut / Aborted when an execution
 * closes, so the datapoint's period is the one holding the execution's stopDate.
 */
import type { AlarmExecution, BreachWindow } from "@/lib/domain/alarm-view";
import type { ExecutionStatus, ExecutionSummary } from "@/lib/domain/execution";

// AWS/States metrics that count closed executions of one status (AWS-FACTS.md: CloudWatch).
const STATUS_OF_METRIC: Record<string, ExecutionStatus> = {
  ExecutionsFailed: "FAILED",
  ExecutionsTimedOut: "TIMED_OUT",
  ExecutionsAborted: "ABORTED",
  RedrivenExecutionsFailed: "FAILED",
  RedrivenExecutionsTimedOut: "TIMED_OUT",
  RedrivenExecutionsAborted: "ABORTED",
};

/** The execution status an AWS/States metric counts (ExecutionsTimedOut → TIMED_OUT), or null. */
export function statusForMetric(metricName: string | null): ExecutionStatus | null {
  return metricName ? (STATUS_OF_METRIC[metricName] ?? null) : null;
}

/** The distinct statuses a set of metrics counts (metric math may add FAILED and TIMED_OUT), in a fixed order. */
export function statusesForMetrics(metricNames: readonly (string | null)[]): ExecutionStatus[] {
  const found = new Set(metricNames.map(statusForMetric).filter((s): s is ExecutionStatus => s !== null));
  return (["FAILED", "TIMED_OUT", "ABORTED"] as const).filter((s) => found.has(s));
}

/** The breaching periods as [startMs, endMs) pairs; the whole window when no datapoint is known. */
export function breachPeriods(breach: BreachWindow): [number, number][] {
  if (breach.datapoints.length === 0) return [[Date.parse(breach.from), Date.parse(breach.to)]];
  const ms = breach.periodSeconds * 1000;
  return breach.datapoints.map((d) => [Date.parse(d.timestamp), Date.parse(d.timestamp) + ms]);
}

/** Milliseconds from the nearest breaching period to `stopMs`: 0 inside one, negative before, positive after. */
export function offsetFromBreach(stopMs: number, periods: readonly [number, number][]): number {
  let best: number | null = null;
  for (const [start, end] of periods) {
    if (stopMs >= start && stopMs < end) return 0;
    const offset = stopMs < start ? stopMs - start : stopMs - end + 1;
    if (best === null || Math.abs(offset) < Math.abs(best)) best = offset;
  }
  return best ?? 0;
}

/** Tripping executions (newest first) and, for context, the closest ones either side. */
export interface BreachMatch {
  tripping: AlarmExecution[];
  nearest: { before: AlarmExecution[]; after: AlarmExecution[] };
}

/**
 * Matches executions to the breach: status in `statuses`, stopDate inside a breaching period.
 * `nearestCount` executions either side are kept so a page with no match still shows where the
 * failures were.
 */
export function matchBreach(executions: readonly ExecutionSummary[], breach: BreachWindow | null, statuses: readonly ExecutionStatus[], nearestCount = 3): BreachMatch {
  const closed = executions
    .filter((e) => statuses.includes(e.status) && e.stopDate !== null && Number.isFinite(Date.parse(e.stopDate)))
    .filter((e, i, all) => all.findIndex((x) => x.executionArn === e.executionArn) === i);
  const stop = (e: ExecutionSummary) => Date.parse(e.stopDate ?? "");
  if (!breach) {
    // No window known: the newest executions of that status are the best lead there is.
    const newest = [...closed].sort((a, b) => stop(b) - stop(a)).slice(0, nearestCount);
    return { tripping: [], nearest: { before: newest.map((e) => ({ ...e, offsetMs: null })), after: [] } };
  }
  const periods = breachPeriods(breach);
  const withOffset = closed.map((e) => ({ ...e, offsetMs: offsetFromBreach(stop(e), periods) }));
  const tripping = withOffset.filter((e) => e.offsetMs === 0).sort((a, b) => stop(b) - stop(a));
  const before = withOffset.filter((e) => e.offsetMs < 0).sort((a, b) => b.offsetMs - a.offsetMs).slice(0, nearestCount);
  const after = withOffset.filter((e) => e.offsetMs > 0).sort((a, b) => a.offsetMs - b.offsetMs).slice(0, nearestCount);
  return { tripping, nearest: { before, after } };
}

// Executions that started this long before the window are assumed closed before it. ListExecutions is
// ordered by start, not stop, so a long execution that stopped inside the window may start much earlier.
const DEFAULT_LOOKBACK_MS = 60 * 60_000;

/**
 * Whether to read another ListExecutions page (newest first): yes while the page's oldest start is
 * still within `lookbackMs` before the window, so executions that started earlier and stopped inside
 * it — and the nearest one before it — are seen.
 */
export function needsOlderPage(oldestStartDate: string | null, breach: BreachWindow | null, lookbackMs = DEFAULT_LOOKBACK_MS): boolean {
  if (!breach || !oldestStartDate) return false;
  return Date.parse(oldestStartDate) >= Date.parse(breach.from) - lookbackMs;
}
