import "server-only";
import { findAlarmWatches } from "@/lib/analysis/fleet/alarm-watch";
import type { ExecutionSummary } from "@/lib/domain/execution";
import type { IndexedFailure, IndexedStatus, IndexStatus } from "@/lib/domain/failures";
import type { FleetExecution, FleetSnapshot, FleetStateMachine, PollError } from "@/lib/domain/fleet";
import type { AlarmSummary } from "@/lib/domain/metrics";
import type { StateMachineSummary } from "@/lib/domain/state-machine";
import type { WatchedAccount } from "@/lib/aws/accounts";
import { accountKey } from "./poll-accounts";

/** One hourly datapoint (period start, value). */
export interface HourlyPoint {
  startMs: number;
  value: number;
}

/** Everything the poller keeps between cycles; each map is keyed by state machine (bounded by the fleet). */
export interface FleetState {
  regions: string[];
  accounts: WatchedAccount[];
  /** The last error of each account whose last poll failed, by accountKey. */
  accountErrors: Map<string, PollError>;
  stateMachines: StateMachineSummary[];
  alarms: AlarmSummary[];
  p99ByArn: Map<string, number | null>;
  failureSeriesByArn: Map<string, HourlyPoint[]>;
  findingsByArn: Map<string, { at: number; findings: FleetStateMachine["findings"]; definition: string }>;
  running: Map<string, ExecutionSummary[]>;
  /** When each execution now RUNNING was first listed (only those: rebuilt every cycle, so bounded by the lists). */
  runningFirstSeen: Map<string, number>;
  recentFailures: IndexedFailure[];
  countsByArn: Map<string, Partial<Record<IndexedStatus, number>>>;
  index: IndexStatus | null;
  updatedAt: number | null;
  lastAttemptAt: number | null;
  error: PollError | null;
}

/** The state before the first cycle (or a follower's before the leader's first publication). */
export function emptyFleetState(regions: string[], accounts: WatchedAccount[]): FleetState {
  return {
    regions,
    accounts,
    accountErrors: new Map(),
    stateMachines: [],
    alarms: [],
    p99ByArn: new Map(),
    failureSeriesByArn: new Map(),
    findingsByArn: new Map(),
    running: new Map(),
    runningFirstSeen: new Map(),
    recentFailures: [],
    countsByArn: new Map(),
    index: null,
    updatedAt: null,
    lastAttemptAt: null,
    error: null,
  };
}

const DAY_MS = 86_400_000;
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const newestFirst = (a: FleetExecution, b: FleetExecution) => ((a.stopDate ?? a.startDate) < (b.stopDate ?? b.startDate) ? 1 : -1);

function fromIndex(f: IndexedFailure, sm: StateMachineSummary | undefined): FleetExecution {
  return {
    executionArn: f.executionArn,
    stateMachineArn: f.stateMachineArn,
    stateMachineName: sm?.name ?? f.stateMachineName,
    region: f.region,
    name: f.name,
    status: f.status,
    startDate: f.startDate,
    stopDate: f.stopDate,
    durationMs: Date.parse(f.stopDate) - Date.parse(f.startDate),
    failedState: f.originState,
    failedPath: f.originPath,
    error: f.originError,
    cause: f.originCause,
    kind: f.kind,
    firstSeenAt: f.firstSeenAt,
  };
}

function fromRunning(e: ExecutionSummary, sm: StateMachineSummary | undefined, firstSeenMs: number): FleetExecution {
  return {
    executionArn: e.executionArn,
    stateMachineArn: e.stateMachineArn,
    stateMachineName: sm?.name ?? e.stateMachineArn.split(":").pop() ?? "",
    region: sm?.region ?? e.executionArn.split(":")[3] ?? "",
    name: e.name,
    status: e.status,
    startDate: e.startDate,
    stopDate: null,
    durationMs: null,
    failedState: null,
    failedPath: null,
    error: null,
    cause: null,
    kind: null,
    firstSeenAt: new Date(firstSeenMs).toISOString(),
  };
}

/**
 * A cycle still under way after more than an interval: AWS is slow or not answering (a hung endpoint
 * raises no error until its deadlines pass). Said on the server, so the first paint marks the data stale too.
 */
function overdueCycle(state: FleetState, opts: { nowMs: number; pollIntervalMs: number }): FleetSnapshot["error"] {
  const started = state.lastAttemptAt;
  if (started === null || (state.updatedAt !== null && state.updatedAt >= started)) return null;
  const runningMs = opts.nowMs - started;
  if (runningMs <= opts.pollIntervalMs) return null;
  return {
    kind: "overdue",
    message: `The poll started ${Math.round(runningMs / 1000)} s ago has not finished: AWS is slow or not answering. This is what the last complete poll saw.`,
    at: new Date(opts.nowMs).toISOString(),
  };
}

/** The fleet snapshot from the poller's state: pure, so the page and the tests see the same assembly. */
export function buildFleetSnapshot(state: FleetState, opts: { nowMs: number; pollIntervalMs: number }): FleetSnapshot {
  const servedAt = new Date(opts.nowMs).toISOString();
  const byArn = new Map(state.stateMachines.map((sm) => [sm.stateMachineArn, sm]));
  const dayAgo = opts.nowMs - DAY_MS;
  const nameOf = new Map(state.accounts.flatMap((a) => (a.accountId ? [[a.accountId, a.name] as const] : [])));
  const stateMachines: FleetStateMachine[] = state.stateMachines.map((sm) => {
    const accountId = sm.stateMachineArn.split(":")[4] ?? "";
    const counts = state.countsByArn.get(sm.stateMachineArn) ?? {};
    const series = state.failureSeriesByArn.get(sm.stateMachineArn);
    return {
      stateMachineArn: sm.stateMachineArn,
      name: sm.name,
      type: sm.type,
      region: sm.region,
      accountId,
      accountName: nameOf.get(accountId) ?? null,
      counts: { FAILED: counts.FAILED ?? 0, TIMED_OUT: counts.TIMED_OUT ?? 0, ABORTED: counts.ABORTED ?? 0, RUNNING: state.running.get(sm.stateMachineArn)?.length ?? 0 },
      cloudWatchFailures24h: series ? series.filter((p) => p.startMs >= dayAgo).reduce((sum, p) => sum + p.value, 0) : null,
      ...findAlarmWatches(sm.stateMachineArn, state.alarms),
      p99DurationMs: state.p99ByArn.get(sm.stateMachineArn) ?? null,
      findings: state.findingsByArn.get(sm.stateMachineArn)?.findings ?? [],
    };
  });
  const running = [...state.running.values()].flat().map((e) => fromRunning(e, byArn.get(e.stateMachineArn), state.runningFirstSeen.get(e.executionArn) ?? opts.nowMs));
  return {
    regions: state.regions,
    accounts: state.accounts.map((a) => ({ accountId: a.accountId, name: a.name, regions: a.regions, roleArn: a.roleArn, error: state.accountErrors.get(accountKey(a)) ?? null })),
    stateMachines: stateMachines.sort((a, b) => a.name.localeCompare(b.name)),
    failing: state.recentFailures.map((f) => fromIndex(f, byArn.get(f.stateMachineArn))).sort(newestFirst),
    running: running.sort(newestFirst),
    index: state.index,
    updatedAt: iso(state.updatedAt),
    lastAttemptAt: iso(state.lastAttemptAt),
    error: state.error ?? overdueCycle(state, opts),
    pollIntervalMs: opts.pollIntervalMs,
    servedAt,
  };
}
