import type { ExecutionReport } from "@/lib/domain/report";
import type { StateAggregate } from "@/lib/domain/state-machine-view";

function p95(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil(sorted.length * 0.95) - 1)] ?? null;
}

/** Per-state failures, timeouts, payload peaks (max, p95) and events per execution over many reports. */
export function aggregateStates(reports: readonly ExecutionReport[]): StateAggregate[] {
  const byPath = new Map<string, { executions: number; failures: number; timeouts: number; bytes: number[]; events: number }>();
  for (const report of reports) {
    for (const state of report.states) {
      if (state.outcome === "not-reached") continue;
      let row = byPath.get(state.path);
      if (!row) byPath.set(state.path, (row = { executions: 0, failures: 0, timeouts: 0, bytes: [], events: 0 }));
      row.executions += 1;
      if (state.outcome === "failed") row.failures += 1;
      if (state.outcome === "timed-out") row.timeouts += 1;
      const peak = Math.max(state.maxInputBytes ?? -1, state.maxOutputBytes ?? -1);
      if (peak >= 0) row.bytes.push(peak);
      row.events += state.events;
    }
  }
  return [...byPath].map(([path, row]) => ({
    path,
    executions: row.executions,
    failures: row.failures,
    timeouts: row.timeouts,
    maxBytes: row.bytes.length ? Math.max(...row.bytes) : null,
    p95Bytes: p95(row.bytes),
    eventsPerExecution: row.events / row.executions,
  }));
}
