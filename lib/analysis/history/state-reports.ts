import type { ExecutionStatus } from "@/lib/domain/execution";
import type { Failure, StateOutcome, StateReport } from "@/lib/domain/report";
import type { Attribution } from "./attribution";
import type { StateMachineDefinition } from "../definition";
import { readRaisedError } from "./event-errors";
import { PAYLOAD_LIMIT_BYTES } from "../limits";
import type { Visit } from "./visit";

/** Worst first: the graph paints a state by the most serious thing that happened to it. */
const SEVERITY: Record<StateOutcome, number> = {
  "timed-out": 6,
  failed: 5,
  running: 4,
  caught: 3,
  "retried-succeeded": 2,
  succeeded: 1,
  "not-reached": 0,
};

/** Task, Map and Parallel visits do work that Retry counts in attempts; other states only pass through. */
export const doesWork = (visit: Visit): boolean => visit.type === "Task" || visit.type === "Map" || visit.type === "Parallel";

/** What happened in one visit, as the graph and the States table paint it. */
export function visitOutcome(
  attribution: Attribution,
  visit: Visit,
  status: ExecutionStatus,
  catching: ReadonlySet<Visit>,
): StateOutcome {
  const lastRun = visit.run === attribution.runs.length - 1;
  if (visit.exitedPos >= 0) {
    if (catching.has(visit)) return "caught";
    return doesWork(visit) && visit.restarts.length > 1 ? "retried-succeeded" : "succeeded";
  }
  if (lastRun && status === "RUNNING" && visit.closedPos < 0 && visit.type !== "Fail") return "running";
  if (lastRun && status === "TIMED_OUT") return "timed-out";
  const lastError = visit.errorPositions[visit.errorPositions.length - 1];
  if (lastError !== undefined && attribution.history.events[lastError]!.type.endsWith("TimedOut")) return "timed-out";
  return "failed";
}

interface Accumulator {
  report: StateReport;
  run: number;
  lastVisit: Visit | null;
}

function emptyReport(path: string, name: string, type: string): StateReport {
  return {
    path,
    name,
    type,
    outcome: "not-reached",
    entered: 0,
    attempts: 0,
    retries: 0,
    events: 0,
    durationMs: { total: 0, max: 0, last: null },
    maxInputBytes: null,
    maxInputField: null,
    lastInputBytes: null,
    maxOutputBytes: null,
    maxOutputField: null,
    lastOutputBytes: null,
    headroomBytes: null,
  };
}

const maxKnown = (a: number | null, b: number): number | null => (b < 0 ? a : a === null ? b : Math.max(a, b));

/**
 * When a visit stopped: its exit; else when its enclosing Map/Parallel closed (a sibling's failure aborts it);
 * else the end of its run; else, while the execution runs, `now`; else its last event.
 */
export function visitEndMs(attribution: Attribution, visit: Visit, running: boolean, nowMs: number): number {
  const { timesMs } = attribution.history;
  if (visit.exitedPos >= 0) return timesMs[visit.exitedPos]!;
  for (let p = visit.parent; p !== null; p = p.parent) {
    if (p.closedPos >= 0) return timesMs[p.closedPos]!;
    if (p.exitedPos >= 0) return timesMs[p.exitedPos]!;
  }
  const run = attribution.runs[visit.run]!;
  if (run.terminalPos >= 0) return timesMs[run.terminalPos]!;
  if (running && visit.run === attribution.runs.length - 1) return nowMs;
  return timesMs[visit.lastPos]!;
}

/** The longest attempt of a Task visit: from each scheduling to its error (or to the next scheduling, or the visit's end). */
function longestAttemptMs(attribution: Attribution, visit: Visit, endMs: number): number {
  const { timesMs } = attribution.history;
  let longest = 0;
  for (let i = 0; i < visit.restarts.length; i++) {
    const start = visit.restarts[i]!;
    const next = visit.restarts[i + 1] ?? Number.MAX_SAFE_INTEGER;
    const error = visit.errorPositions.find((pos) => pos > start && pos < next);
    const end = error !== undefined ? timesMs[error]! : next !== Number.MAX_SAFE_INTEGER ? timesMs[next]! : endMs;
    longest = Math.max(longest, end - timesMs[start]!);
  }
  return Math.max(0, longest);
}

/** One StateReport per state path: the definition's states (entered or not) and any others the history shows. */
export function buildStateReports(
  attribution: Attribution,
  definition: StateMachineDefinition | null,
  status: ExecutionStatus,
  catching: ReadonlySet<Visit>,
  failures: readonly (Failure | null)[],
  nowMs: number,
): StateReport[] {
  const byPath = new Map<string, Accumulator>();
  for (const state of definition?.states.values() ?? []) {
    const report = emptyReport(state.path, state.name, state.type);
    if (state.inChildExecution) report.inChildExecution = true;
    if (state.type === "Parallel" && state.branches !== null) report.parallelBranches = state.branches;
    byPath.set(state.path, { report, run: -1, lastVisit: null });
  }
  const { timesMs, events } = attribution.history;
  const running = status === "RUNNING";
  for (const visit of attribution.visits) {
    let acc = byPath.get(visit.path);
    if (acc === undefined) {
      acc = { report: emptyReport(visit.path, visit.name, visit.type), run: -1, lastVisit: null };
      byPath.set(visit.path, acc);
    }
    const r = acc.report;
    r.entered++;
    r.events += visit.events;
    if (doesWork(visit)) {
      r.attempts += visit.restarts.length;
      r.retries += Math.max(0, visit.restarts.length - 1);
    }
    const endMs = visitEndMs(attribution, visit, running, nowMs);
    const duration = Math.max(0, endMs - timesMs[visit.enteredPos]!);
    r.durationMs.total += duration;
    r.durationMs.max = Math.max(r.durationMs.max, duration);
    r.durationMs.last = duration;
    if (visit.type === "Task" && visit.restarts.length > 0) {
      const longest = longestAttemptMs(attribution, visit, endMs);
      r.durationMs.maxAttempt = Math.max(r.durationMs.maxAttempt ?? 0, longest);
    }
    if (visit.type === "Map") r.mapIterations = (r.mapIterations ?? 0) + visit.iterations;
    if (visit.type === "Parallel" && definition === null) {
      r.parallelBranches = Math.max(r.parallelBranches ?? 0, Math.round(visit.iterations / Math.max(1, visit.restarts.length)));
    }
    if (visit.maxInputBytes > (r.maxInputBytes ?? -1)) r.maxInputField = visit.maxInputField;
    if (visit.maxOutputBytes > (r.maxOutputBytes ?? -1)) r.maxOutputField = visit.maxOutputField;
    r.maxInputBytes = maxKnown(r.maxInputBytes, visit.maxInputBytes);
    r.maxOutputBytes = maxKnown(r.maxOutputBytes, visit.maxOutputBytes);
    if (visit.lastInputBytes >= 0) r.lastInputBytes = visit.lastInputBytes;
    if (visit.lastOutputBytes >= 0) r.lastOutputBytes = visit.lastOutputBytes;
    if (visit.timeoutSeconds !== null) r.appliedTimeoutSeconds = visit.timeoutSeconds;
    if (visit.heartbeatSeconds !== null) r.appliedHeartbeatSeconds = visit.heartbeatSeconds;
    const lastError = visit.type === "Fail" ? visit.enteredPos : visit.errorPositions[visit.errorPositions.length - 1];
    if (lastError !== undefined && (r.lastError === undefined || events[lastError]!.id > r.lastError.eventId)) {
      const eventId = events[lastError]!.id;
      // A Fail state's error is on the execution's failure when it ended the run, else in the definition.
      const final = failures.find((f) => f?.originEventId === eventId);
      const text = final ? { error: final.error, cause: final.cause } : readRaisedError(attribution, visit, lastError, definition);
      r.lastError = { ...text, eventId };
    }
    // A state's colour comes from its latest run: a redrive that fixed it shows it fixed.
    const outcome = visitOutcome(attribution, visit, status, catching);
    if (visit.run > acc.run || SEVERITY[outcome] > SEVERITY[r.outcome]) r.outcome = outcome;
    acc.run = Math.max(acc.run, visit.run);
    acc.lastVisit = visit;
  }
  const reports: StateReport[] = [];
  for (const { report } of byPath.values()) {
    if (report.type === "Task") {
      const declared = definition?.states.get(report.path);
      report.timeoutSeconds = report.appliedTimeoutSeconds ?? (declared && !declared.dynamicTimeout ? declared.timeoutSeconds : null) ?? null;
    }
    const peak = Math.max(report.maxInputBytes ?? -1, report.maxOutputBytes ?? -1);
    report.headroomBytes = peak < 0 ? null : PAYLOAD_LIMIT_BYTES - peak;
    reports.push(report);
  }
  return reports;
}
