import "server-only";
import { findAlarmWatches } from "@/lib/analysis/fleet/alarm-watch";
import { alarmsForStatuses, buildCoverage, toHourlySeries } from "@/lib/analysis/fleet/failure-views";
import type { FailureExecutionsPage, FailureSignature, FailureSignaturesPage, SignatureDetail } from "@/lib/domain/failures";
import type { AlarmSummary } from "@/lib/domain/metrics";
import { failureStore, fleetPoller } from "./fleet";
import type { FailuresQuery } from "./failures-query";
import type { HourlyPoint } from "./fleet-snapshot";
import type { FailureFilter, FailureStore, SignatureRow } from "./store/failure-store";

/** What the failures service reads: the index, and the poller's alarms and CloudWatch sums. */
export interface FailuresDeps {
  store: () => Promise<FailureStore>;
  alarms: () => readonly AlarmSummary[];
  failureSeries: () => ReadonlyMap<string, readonly HourlyPoint[]>;
}

function defaultDeps(): FailuresDeps {
  const poller = fleetPoller();
  // An API call alone (no page open yet) must still start the poller that fills the index.
  void poller.start();
  return { store: failureStore, alarms: () => poller.alarms(), failureSeries: () => poller.failureSeries() };
}

const iso = (ms: number) => new Date(ms).toISOString();

function toFilter(query: FailuresQuery): FailureFilter {
  return { fromMs: query.fromMs, toMs: query.toMs, stateMachine: query.stateMachine, status: query.status, q: query.q };
}

function toSignature(row: SignatureRow, query: FailuresQuery, alarms: readonly AlarmSummary[]): FailureSignature {
  return {
    signatureId: row.signatureId,
    stateMachineArn: row.stateMachineArn,
    stateMachineName: row.stateMachineName,
    region: row.region,
    originPath: row.originPath,
    originError: row.originError,
    normalisedCause: row.normalisedCause,
    sampleCause: row.sampleCause,
    statuses: row.statuses,
    count: row.count,
    firstSeenAt: iso(row.firstAtMs),
    lastSeenAt: iso(row.lastAtMs),
    isNew: row.firstAtMs >= query.fromMs,
    newestExecutionArn: row.newestExecutionArn,
    alarms: alarmsForStatuses(findAlarmWatches(row.stateMachineArn, alarms).alarms, row.statuses),
    hourly: toHourlySeries(row.hourly, query.fromMs, query.toMs),
  };
}

/** GET /api/failures?group=signature: the signatures of the window, newest first, with counts checked against CloudWatch. */
export async function getFailureSignatures(query: FailuresQuery, deps: FailuresDeps = defaultDeps()): Promise<FailureSignaturesPage> {
  const store = await deps.store();
  const filter = toFilter(query);
  const [page, total, counts, timeouts, status] = await Promise.all([
    store.signatures(filter, { cursor: query.cursor, limit: query.limit }),
    store.count(filter),
    // Coverage is per state machine over the whole window: the search narrows the list, not what AWS counted.
    store.countsByStateMachine({ fromMs: query.fromMs, toMs: query.toMs, stateMachine: query.stateMachine }),
    store.timeoutsByStateMachine({ fromMs: query.fromMs, toMs: query.toMs, stateMachine: query.stateMachine }),
    store.indexStatus(),
  ]);
  const series = deps.failureSeries();
  const arns = [...new Set([...counts.keys(), ...series.keys()])].filter((arn) => !query.stateMachine || arn === query.stateMachine || arn.endsWith(`:${query.stateMachine}`));
  return {
    window: { from: iso(query.fromMs), to: iso(query.toMs) },
    signatures: page.items.map((row) => toSignature(row, query, deps.alarms())),
    total,
    nextCursor: page.nextCursor,
    coverage: buildCoverage(counts, series, arns.sort(), query),
    timeouts: timeouts.map((t) => ({ stateMachineArn: t.stateMachineArn, status: t.status, count: t.count, exampleExecutionArn: t.exampleExecutionArn, lastSeenAt: iso(t.lastAtMs) })),
    status,
  };
}

/** GET /api/failures: executions newest first, by cursor. */
export async function getFailureExecutions(query: FailuresQuery, deps: FailuresDeps = defaultDeps(), signatureId?: string): Promise<FailureExecutionsPage> {
  const store = await deps.store();
  const filter = { ...toFilter(query), signatureId };
  const [page, total, status] = await Promise.all([store.executions(filter, { cursor: query.cursor, limit: query.limit }), store.count(filter), store.indexStatus()]);
  return { window: { from: iso(query.fromMs), to: iso(query.toMs) }, executions: page.items, total, nextCursor: page.nextCursor, status };
}

/** One signature: its executions (paged), hourly series, versions/aliases, first and newest execution. Null when unknown. */
export async function getSignatureDetail(signatureId: string, query: FailuresQuery, deps: FailuresDeps = defaultDeps()): Promise<SignatureDetail | null> {
  const store = await deps.store();
  const own = await store.signatureById(signatureId);
  if (!own) return null;
  const filter: FailureFilter = { fromMs: query.fromMs, toMs: query.toMs, signatureId };
  const [groups, executions, versions, first] = await Promise.all([
    store.signatures(filter, { limit: 1 }),
    getFailureExecutions({ ...query, stateMachine: undefined, status: undefined, q: undefined }, deps, signatureId),
    store.versionsOf(filter),
    // The first execution ever, as the signature row remembers it (past retention it is gone: then null).
    store
      .executions({ fromMs: Number(own.first_at_ms), toMs: Number(own.first_at_ms), signatureId }, { limit: 50 })
      .then((rows) => rows.items.find((e) => e.executionArn === own.first_execution_arn) ?? null),
  ]);
  const row: SignatureRow = groups.items[0] ?? {
    // No occurrence in this window: the signature still exists; show its identity with a zero count.
    signatureId,
    stateMachineArn: own.state_machine_arn,
    stateMachineName: own.state_machine_arn.split(":")[6] ?? "",
    region: own.state_machine_arn.split(":")[3] ?? "",
    originPath: own.origin_path,
    originError: own.origin_error,
    normalisedCause: own.normalised_cause,
    sampleCause: own.sample_cause,
    statuses: [],
    count: 0,
    firstAtMs: Number(own.first_at_ms),
    firstExecutionArn: own.first_execution_arn,
    lastAtMs: Number(own.last_at_ms),
    newestExecutionArn: own.first_execution_arn,
    hourly: new Map(),
  };
  const newest = executions.executions[0] ?? null;
  return { signature: toSignature(row, query, deps.alarms()), firstExecution: first, newestExecution: query.cursor ? null : newest, versions, executions };
}
