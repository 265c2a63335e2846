import type { StateMachineTimeouts } from "@/lib/domain/failures";
import type { FleetExecution, FleetSnapshot, FleetStateMachine } from "@/lib/domain/fleet";

/** Fleet filters as they live in the URL query. */
export interface FleetFilters {
  status?: string;
  stateMachine?: string;
  error?: string;
  /** Window ending now: "1h" | "6h" | "24h" | "7d"; or an explicit from/to (ISO). */
  window?: string;
  from?: string;
  to?: string;
}

const WINDOW_MS: Record<string, number> = { "15m": 900_000, "1h": 3_600_000, "6h": 21_600_000, "24h": 86_400_000, "7d": 604_800_000 };

/** The window choices the fleet page offers. */
export const FLEET_WINDOWS = Object.keys(WINDOW_MS);

/** Reads filters from URL search params, ignoring anything unknown or malformed. */
export function toFleetFilters(params: Record<string, string | string[] | undefined>): FleetFilters {
  const one = (key: string) => {
    const value = params[key];
    const text = Array.isArray(value) ? value[0] : value;
    return text && text.length <= 2048 ? text : undefined;
  };
  const window = one("window");
  const from = one("from");
  const to = one("to");
  return {
    status: one("status"),
    stateMachine: one("stateMachine"),
    error: one("error"),
    // Object.hasOwn, not `in`: "toString" or "__proto__" must not pass as a window.
    window: window && Object.hasOwn(WINDOW_MS, window) ? window : undefined,
    from: from && Number.isFinite(Date.parse(from)) ? from : undefined,
    to: to && Number.isFinite(Date.parse(to)) ? to : undefined,
  };
}

/** The failing executions that pass the filters, newest first (the snapshot's order). */
export function filterFailing(executions: readonly FleetExecution[], filters: FleetFilters, nowMs: number): FleetExecution[] {
  let fromMs = filters.from ? Date.parse(filters.from) : -Infinity;
  const toMs = filters.to ? Date.parse(filters.to) : Infinity;
  if (filters.window) fromMs = nowMs - (WINDOW_MS[filters.window] ?? Infinity);
  const errorNeedle = filters.error?.toLowerCase();
  return executions.filter((e) => {
    if (filters.status && e.status !== filters.status) return false;
    if (filters.stateMachine && e.stateMachineArn !== filters.stateMachine && e.stateMachineName !== filters.stateMachine) return false;
    if (errorNeedle && !(e.error ?? "").toLowerCase().includes(errorNeedle)) return false;
    const at = Date.parse(e.stopDate ?? e.startDate);
    return at >= fromMs && at <= toMs;
  });
}

/** Timeouts nobody was told about, on one state machine: the reason once, and a count. */
export interface SilentTimeouts {
  stateMachine: FleetStateMachine;
  /** TIMED_OUT executions plus FAILED ones a task timeout ended, in the window, that no live alarm saw. */
  count: number;
  reason: string;
  exampleExecutionArn: string;
  lastSeenAt: string;
}

/**
 * Timeouts on state machines no live alarm watches, grouped per state machine. A whole-execution timeout
 * is counted in ExecutionsTimedOut; a task timeout (States.Timeout or States.HeartbeatTimeout — AWS-FACTS.md
 * says match both) ends the execution as FAILED, so only an ExecutionsFailed alarm would see it.
 */
export function groupSilentTimeouts(timeouts: readonly StateMachineTimeouts[], stateMachines: readonly FleetStateMachine[]): SilentTimeouts[] {
  const byArn = new Map(stateMachines.map((sm) => [sm.stateMachineArn, sm]));
  const groups = new Map<string, SilentTimeouts & { metrics: Set<string> }>();
  for (const t of timeouts) {
    const sm = byArn.get(t.stateMachineArn);
    if (!sm) continue;
    const watched = t.status === "TIMED_OUT" ? sm.watchesTimeouts : sm.watchesFailures;
    if (watched) continue;
    const metric = t.status === "TIMED_OUT" ? "ExecutionsTimedOut" : "ExecutionsFailed";
    const group = groups.get(sm.stateMachineArn) ?? { stateMachine: sm, count: 0, reason: "", exampleExecutionArn: t.exampleExecutionArn, lastSeenAt: t.lastSeenAt, metrics: new Set<string>() };
    group.count += t.count;
    group.metrics.add(metric);
    if (t.lastSeenAt > group.lastSeenAt) group.exampleExecutionArn = t.exampleExecutionArn;
    if (t.lastSeenAt > group.lastSeenAt) group.lastSeenAt = t.lastSeenAt;
    groups.set(sm.stateMachineArn, group);
  }
  return [...groups.values()]
    .map(({ metrics, ...g }) => ({ ...g, reason: `No alarm in ALARM or OK state watches ${[...metrics].sort().join(" or ")} for ${g.stateMachine.name}.` }))
    .sort((a, b) => b.count - a.count || a.stateMachine.name.localeCompare(b.stateMachine.name));
}

/** Task states that can wait forever: the `task-timeout-missing` finding across the fleet. */
export function findUnboundedTasks(stateMachines: readonly FleetStateMachine[]): { stateMachine: FleetStateMachine; path: string }[] {
  return stateMachines.flatMap((sm) =>
    sm.findings.filter((f) => f.code === "task-timeout-missing").map((f) => ({ stateMachine: sm, path: f.path ?? "(top level)" })),
  );
}

/** A RUNNING execution open longer than its state machine's p99 duration. */
export interface StuckExecution {
  execution: FleetExecution;
  openMs: number;
  p99Ms: number;
}

/** RUNNING executions open longer than their state machine's p99 ExecutionTime. */
export function findStuck(snapshot: Pick<FleetSnapshot, "running" | "stateMachines">, nowMs: number): StuckExecution[] {
  const p99 = new Map(snapshot.stateMachines.map((sm) => [sm.stateMachineArn, sm.p99DurationMs]));
  const stuck: StuckExecution[] = [];
  for (const execution of snapshot.running) {
    const p99Ms = p99.get(execution.stateMachineArn);
    if (p99Ms === null || p99Ms === undefined) continue;
    const openMs = nowMs - Date.parse(execution.startDate);
    if (openMs > p99Ms) stuck.push({ execution, openMs, p99Ms });
  }
  return stuck.sort((a, b) => b.openMs - a.openMs);
}
