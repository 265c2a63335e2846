import "server-only";
import * as aws from "@/lib/aws";
import { isAwsFailure } from "@/lib/aws/errors";
import { describeFailure } from "@/lib/analysis/headline/describe-failure";
import { matchBreach, needsOlderPage, statusesForMetrics } from "@/lib/analysis/links/alarm-window";
import { buildBreachWindow } from "@/lib/analysis/links/breach-window";
import type { AlarmDetail, AlarmView, BreachWindow, TrippingFailure } from "@/lib/domain/alarm-view";
import type { ExecutionStatus, ExecutionSummary } from "@/lib/domain/execution";
import type { ExecutionTriage } from "@/lib/domain/triage";
import { triageService } from "./executions";
import { services } from "./services";
import { createSharedAnswers } from "./shared-answers";

/** No metric alarm of that name in that region. */
export class AlarmNotFoundError extends Error {
  constructor(readonly region: string, readonly alarmName: string) {
    super(`No metric alarm named "${alarmName}" in ${region}.`);
    this.name = "AlarmNotFoundError";
  }
}

/** What the alarm view calls; tests pass fakes. In production, the AWS port (every call charged to the budget). */
export interface AlarmViewDeps {
  describeAlarm: typeof aws.describeAlarm;
  describeAlarmHistory: typeof aws.describeAlarmHistory;
  listExecutionsPage: typeof aws.listExecutionsPage;
  getTriage: (executionArn: string) => Promise<ExecutionTriage>;
  now: () => number;
}

// Through the AWS port, which charges every call to the budget (once) and refuses regions not watched.
const defaultDeps = (): AlarmViewDeps => ({
  describeAlarm: services().aws.visitor.describeAlarm,
  describeAlarmHistory: services().aws.visitor.describeAlarmHistory,
  listExecutionsPage: services().aws.visitor.listExecutionsPage,
  getTriage: (arn) => triageService().getTriage(arn),
  now: () => Date.now(),
});

/** The alarm view's link: which alarm, and which state change (`at`) or breach window (`from`/`to`). */
export interface AlarmViewInput {
  region: string;
  alarmName: string;
  at?: string;
  from?: string;
  to?: string;
}

// Pages of ListExecutions per status: 5,000 executions back is far past any breach window's neighbours.
const MAX_PAGES_PER_STATUS = 5;
// A state change named by `at` matches the alarm's current one within this (SNS rounds to milliseconds).
const SAME_CHANGE_MS = 2_000;
// How far around `at` to ask DescribeAlarmHistory, and how far back when no `at` is given.
const HISTORY_AROUND_AT_MS = 5 * 60_000;
const HISTORY_LOOKBACK_MS = 24 * 3_600_000;
const NEAREST_PER_SIDE = 3;

/** The AWS/States metrics an alarm reads, its state machine, and the statuses they count. */
function watchedBy(alarm: AlarmDetail) {
  const refs = [
    { namespace: alarm.namespace, metricName: alarm.metricName, dimensions: alarm.dimensions, periodSeconds: alarm.periodSeconds },
    ...alarm.metrics.map((m) => ({ namespace: m.namespace ?? null, metricName: m.metricName ?? null, dimensions: m.dimensions ?? [], periodSeconds: m.periodSeconds ?? null })),
  ].filter((r) => r.metricName !== null);
  const states = refs.filter((r) => r.namespace === "AWS/States");
  const metricNames = [...new Set(states.map((r) => r.metricName as string))];
  const stateMachineArn = states.flatMap((r) => r.dimensions).find((d) => d.name === "StateMachineArn")?.value ?? null;
  // Metric-math alarms have no Period of their own: their metrics' period is the datapoints' period.
  const periods = refs.map((r) => r.periodSeconds).filter((p): p is number => p !== null && p > 0);
  const periodSeconds = alarm.periodSeconds ?? (periods.length > 0 ? Math.max(...periods) : null);
  const namespaces = [...new Set(refs.map((r) => r.namespace).filter((n): n is string => n !== null))];
  let problem: string | null = null;
  if (states.length === 0) problem = `This alarm watches ${namespaces.join(", ") || "no metric"}, not AWS/States: it names no Step Functions executions.`;
  else if (!stateMachineArn) problem = "This alarm's AWS/States metric has no StateMachineArn dimension, so it names no single state machine.";
  else if (statusesForMetrics(metricNames).length === 0) problem = `${metricNames.join(", ")} counts no failed, timed-out or aborted executions.`;
  return { metricNames, stateMachineArn, statuses: statusesForMetrics(metricNames), periodSeconds, problem };
}

function breachOf(alarm: AlarmDetail, periodSeconds: number | null, change: { reason: string | null; reasonData: unknown; at: string | null }): BreachWindow | null {
  return buildBreachWindow({
    reasonData: change.reasonData,
    reasonText: change.reason,
    periodSeconds,
    evaluationPeriods: alarm.evaluationPeriods,
    comparisonOperator: alarm.comparisonOperator,
    threshold: alarm.threshold,
    stateChangeTime: change.at,
  });
}

/** Finds the state change the view is about and its breach window, asking DescribeAlarmHistory only when the alarm has moved on. */
async function findBreach(alarm: AlarmDetail, periodSeconds: number | null, input: AlarmViewInput, deps: AlarmViewDeps) {
  // StateTransitionedTimestamp is the last change of state (SNS's StateChangeTime); StateUpdatedTimestamp also moves with StateReasonData.
  const currentAt = alarm.stateTransitionedTimestamp ?? alarm.stateUpdatedTimestamp;
  const isCurrent = (ms: number) => [alarm.stateTransitionedTimestamp, alarm.stateUpdatedTimestamp].some((t) => t !== null && Math.abs(Date.parse(t) - ms) <= SAME_CHANGE_MS);
  const current = { reason: alarm.stateReason, reasonData: alarm.stateReasonData, at: currentAt };
  const currentBreach = alarm.stateValue === "ALARM" ? breachOf(alarm, periodSeconds, current) : null;
  if (input.from && input.to) {
    // The link carries the window; the alarm's own datapoints are kept when they describe the same one.
    const same = currentBreach && currentBreach.from === new Date(input.from).toISOString() && currentBreach.to === new Date(input.to).toISOString();
    const breach: BreachWindow = same ? currentBreach : { periodSeconds: periodSeconds ?? 60, datapoints: [], from: new Date(input.from).toISOString(), to: new Date(input.to).toISOString(), source: "link" };
    return { breach, at: input.at ?? null, unknown: null };
  }
  const wanted = input.at ? Date.parse(input.at) : null;
  if (currentBreach && (wanted === null || isCurrent(wanted))) {
    return { breach: currentBreach, at: currentAt, unknown: null };
  }
  // The alarm has changed state since (or is not in ALARM): its history holds the breach.
  const now = deps.now();
  const from = new Date(wanted !== null ? wanted - HISTORY_AROUND_AT_MS : now - HISTORY_LOOKBACK_MS);
  const to = new Date(wanted !== null ? wanted + HISTORY_AROUND_AT_MS : now);
  try {
    const updates = await deps.describeAlarmHistory(alarm.region, { alarmName: alarm.alarmName, from, to });
    const toAlarm = updates
      .filter((u) => u.newState === "ALARM")
      .sort((a, b) => (wanted === null ? Date.parse(b.timestamp) - Date.parse(a.timestamp) : Math.abs(Date.parse(a.timestamp) - wanted) - Math.abs(Date.parse(b.timestamp) - wanted)))[0];
    if (!toAlarm) {
      return { breach: null, at: input.at ?? null, unknown: wanted !== null ? `The alarm's history has no change to ALARM near ${input.at}.` : "The alarm has not been in ALARM in the last 24 hours." };
    }
    return { breach: breachOf(alarm, periodSeconds, { reason: toAlarm.reason, reasonData: toAlarm.reasonData, at: toAlarm.timestamp }), at: toAlarm.timestamp, unknown: null };
  } catch (error) {
    if (!isAwsFailure(error)) throw error;
    return { breach: null, at: input.at ?? null, unknown: `The alarm is ${alarm.stateValue} now and its history could not be read (DescribeAlarmHistory: ${error.message}).` };
  }
}

/** ListExecutions for each status, newest first, paged until the listing is an hour older than the window. */
async function listAround(stateMachineArn: string, statuses: ExecutionStatus[], breach: BreachWindow | null, deps: AlarmViewDeps) {
  const executions: ExecutionSummary[] = [];
  let pages = 0;
  let reachedBeforeWindow = true;
  await Promise.all(
    statuses.map(async (statusFilter) => {
      let nextToken: string | undefined;
      for (let page = 0; page < MAX_PAGES_PER_STATUS; page++) {
        const result = await deps.listExecutionsPage({ stateMachineArn, statusFilter, nextToken });
        pages += 1;
        executions.push(...result.executions);
        const oldest = result.executions[result.executions.length - 1]?.startDate ?? null;
        nextToken = result.nextToken ?? undefined;
        if (!nextToken || !needsOlderPage(oldest, breach)) return;
      }
      reachedBeforeWindow = false;
    }),
  );
  return { executions, pages, reachedBeforeWindow };
}

async function newestFailure(executionArn: string, deps: AlarmViewDeps): Promise<TrippingFailure> {
  try {
    const triage = await deps.getTriage(executionArn);
    const failure = triage.report.failure;
    return {
      executionArn,
      headline: describeFailure(triage.report),
      // An execution-level timeout belongs to no state: name where it was waiting.
      state: failure ? (failure.path ?? failure.state ?? failure.activePaths?.[0] ?? null) : null,
      error: failure?.error ?? triage.execution.error,
      cause: failure?.cause ?? triage.execution.cause,
      kind: failure?.kind ?? null,
      unavailable: null,
    };
  } catch (error) {
    if (!isAwsFailure(error)) throw error;
    return { executionArn, headline: null, state: null, error: null, cause: null, kind: null, unavailable: `${error.message} (${error.kind})` };
  }
}

/** Builds the alarm view: the alarm, its breach window, the executions that tripped it (newest one's failure inline), or the nearest. */
export async function buildAlarmView(input: AlarmViewInput, deps: AlarmViewDeps = defaultDeps()): Promise<AlarmView> {
  const alarm = await deps.describeAlarm(input.region, input.alarmName);
  if (!alarm) throw new AlarmNotFoundError(input.region, input.alarmName);
  const watched = watchedBy(alarm);
  const found = await findBreach(alarm, watched.periodSeconds, input, deps);
  const base = {
    alarm,
    stateMachineArn: watched.stateMachineArn,
    statuses: watched.statuses,
    metricNames: watched.metricNames,
    at: found.at,
    breach: found.breach,
    breachUnknown: found.unknown,
    problem: watched.problem,
  };
  if (watched.problem || !watched.stateMachineArn) {
    return { ...base, tripping: [], newestFailure: null, nearest: { before: [], after: [] }, listing: { pages: 0, reachedBeforeWindow: false }, fetchedAt: new Date(deps.now()).toISOString() };
  }
  const listed = await listAround(watched.stateMachineArn, watched.statuses, found.breach, deps);
  const match = matchBreach(listed.executions, found.breach, watched.statuses, NEAREST_PER_SIDE);
  const newest = match.tripping[0];
  return {
    ...base,
    tripping: match.tripping,
    newestFailure: newest ? await newestFailure(newest.executionArn, deps) : null,
    nearest: match.nearest,
    listing: { pages: listed.pages, reachedBeforeWindow: listed.reachedBeforeWindow },
    fetchedAt: new Date(deps.now()).toISOString(),
  };
}

// Tabs refresh this view; answers younger than this are shared, so N tabs cost AWS one build.
const VIEW_TTL_MS = 10_000;
const views = createSharedAnswers<AlarmView>({ ttlMs: VIEW_TTL_MS, entries: 512, bytes: 16 * 1024 * 1024 });

/** The alarm view, shared between tabs for VIEW_TTL_MS (in-flight builds included). */
export function getAlarmView(input: AlarmViewInput): Promise<AlarmView> {
  const now = Date.now();
  const key = [input.region, input.alarmName, input.at ?? "", input.from ?? "", input.to ?? ""].join("|");
  return views.get(key, now, () => buildAlarmView(input));
}
