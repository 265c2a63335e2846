import "server-only";
import { isAwsFailure } from "@/lib/aws/errors";
import type { AwsFailure } from "@/lib/domain/errors";
import { aggregateStates } from "@/lib/analysis/fleet/state-aggregates";
import { filterFailing } from "@/lib/analysis/fleet/fleet-views";
import { parseStatesArn } from "@/lib/analysis/links/arn";
import { toConsoleStateMachineUrl } from "@/lib/analysis/links/console-url";
import type { ExecutionReport } from "@/lib/domain/report";
import type { StateMachineView } from "@/lib/domain/state-machine-view";
import { routes } from "@/lib/routes";
import { estimateFleetCost } from "./cost-view";
import { findingsForDefinition } from "./definition-findings";
import { getFleetSnapshot } from "./fleet";
import { triageService } from "./executions";
import { arnFromSegment, clientMessageFor, publicUrlFrom, THROTTLED_RETRY_AFTER_SECONDS } from "./http";
import { registerPagePreflight, type PreflightAnswer } from "./page-preflight";
import { awsFailurePage } from "./status-page";
import { services } from "./services";
import { Lru } from "./lru";
import { createSharedAnswers, type SharedAnswers } from "./shared-answers";

// Executions analysed for the per-state aggregates: enough for a p95, few enough for the quotas.
const ANALYSED_EXECUTIONS = 10;
const DAY_MS = 86_400_000;

/** Picks a CloudWatch period that keeps a window under ~300 points (and a multiple of 60 s). */
function periodFor(windowMs: number): number {
  return Math.max(60, Math.ceil(windowMs / 300 / 60_000) * 60);
}

// Open tabs refresh this page every 30 s; answers younger than this are shared, so tabs don't multiply AWS calls.
const VIEW_TTL_MS = 15_000;
const FAILURE_TTL_MS = 5_000;
// The last good view of each state machine, shown (marked stale, with its age) while AWS doesn't answer.
const LAST_GOOD_LIMIT = 200;
const MB = 1024 * 1024;

// On globalThis: the page, its API route and the proxy's preflight are separate bundles; all must share one answer.
// Both bounded in entries and bytes: a flood of distinct state machine ARNs pushes out the oldest.
const holder = globalThis as typeof globalThis & {
  __sfnTriageStateMachineViews?: { views: SharedAnswers<StateMachineView>; lastGood: Lru<string, StateMachineView> };
};
const shared = (holder.__sfnTriageStateMachineViews ??= {
  // A failure is kept a few seconds: the page that follows the proxy's preflight reads it instead of asking AWS again.
  views: createSharedAnswers<StateMachineView>({ ttlMs: VIEW_TTL_MS, failureTtlMs: FAILURE_TTL_MS, entries: 512, bytes: 32 * MB }),
  lastGood: new Lru<string, StateMachineView>({ entries: LAST_GOOD_LIMIT, bytes: 32 * MB }),
});

type ViewInput = { arn: string; from?: string; to?: string; publicUrl: string; now?: number };

/** The state machine page, shared between tabs for VIEW_TTL_MS (in-flight requests included); the last good one while AWS is down. */
export function getStateMachineView(input: ViewInput): Promise<StateMachineView> {
  const now = input.now ?? Date.now();
  const key = [input.arn, input.from ?? "", input.to ?? "", input.publicUrl].join("|");
  return shared.views.get(key, now, () => withLastGood(input.arn, () => buildStateMachineView({ ...input, now }), now));
}

/** The state machine page's window from its query, as the page reads it: ISO times only, else the default. */
export function stateMachineWindowFrom(query: { get(key: string): string | null | undefined }): { from?: string; to?: string } {
  const pick = (key: string) => {
    const s = query.get(key);
    return s && Number.isFinite(Date.parse(s)) ? s : undefined;
  };
  return { from: pick("from"), to: pick("to") };
}

/**
 * For proxy.ts (lib/server/page-preflight.ts): loads the view the page is about to render, and answers with a
 * status page when AWS failed and nothing is cached (503, or 429 when throttled), so the status says what the
 * page would. Null otherwise: the page renders the view (fresh or stale) or its own 404.
 */
export async function stateMachinePreflight(input: ViewInput): Promise<PreflightAnswer | null> {
  try {
    await getStateMachineView(input);
    return null;
  } catch (error) {
    if (!isAwsFailure(error) || error.kind === "not-found" || error.kind === "invalid-input") return null;
    let consoleUrl: string | null = null;
    try {
      const parsed = parseStatesArn(input.arn);
      consoleUrl = toConsoleStateMachineUrl(parsed.stateMachineArn ?? parsed.arn, parsed.region);
    } catch {
      consoleUrl = null;
    }
    return awsFailurePage({
      kind: error.kind,
      message: clientMessageFor(error),
      throttledRetryAfterSeconds: THROTTLED_RETRY_AFTER_SECONDS,
      still: "Nothing for this state machine: no one has opened it since the server started, so there is no earlier answer to show. The fleet page still shows the failures the index holds, as of its last poll.",
      reload: routes.stateMachine(input.arn, { from: input.from, to: input.to }),
      links: [
        { href: routes.fleet(), label: "The fleet" },
        ...(consoleUrl ? [{ href: consoleUrl, label: "This state machine in the AWS console", external: true }] : []),
      ],
    });
  }
}

registerPagePreflight("state-machines", async ({ segments, searchParams, headers }) => {
  if (segments.length !== 1 || !segments[0]) return null;
  let arn: string;
  try {
    arn = arnFromSegment(segments[0]);
  } catch {
    return null;
  }
  return stateMachinePreflight({ arn, ...stateMachineWindowFrom(searchParams), publicUrl: publicUrlFrom(headers) });
});

/** The view AWS could not refresh: the last good one, its age kept in fetchedAt, the failure in the freshness line. */
export function staleView(lastGood: StateMachineView, error: Pick<AwsFailure, "kind" | "operation">, now: number): StateMachineView {
  return { ...lastGood, metricsError: { kind: error.kind, message: `${clientMessageFor(error)} Showing the page as last read.`, at: new Date(now).toISOString() } };
}

// Failures that say nothing about the state machine itself: the cached view is still the best answer.
const OUTAGE_KINDS = new Set(["unavailable", "throttled", "unknown", "access-denied", "expired-credentials"]);

/** Runs `load`; remembers a good answer per state machine, and answers an outage with it, marked stale. */
export async function withLastGood(arn: string, load: () => Promise<StateMachineView>, now: number): Promise<StateMachineView> {
  const key = stateMachineKey(arn);
  const { lastGood } = shared;
  try {
    const view = await load();
    lastGood.set(key, view);
    return view;
  } catch (error) {
    const cached = lastGood.get(key);
    if (cached && isAwsFailure(error) && OUTAGE_KINDS.has(error.kind)) return staleView(cached, error, now);
    throw error;
  }
}

function stateMachineKey(arn: string): string {
  try {
    const parsed = parseStatesArn(arn);
    return parsed.stateMachineArn ?? parsed.arn;
  } catch {
    return arn;
  }
}

/** The state machine page: definition, findings, metrics, per-state aggregates, cost, failing executions. */
async function buildStateMachineView(input: ViewInput): Promise<StateMachineView> {
  const now = input.now ?? Date.now();
  const parsed = parseStatesArn(input.arn);
  const arn = parsed.stateMachineArn ?? parsed.arn;
  const to = input.to ? Date.parse(input.to) : now;
  const from = input.from ? Date.parse(input.from) : to - DAY_MS;
  const window = { from: new Date(from).toISOString(), to: new Date(to).toISOString() };

  const [stateMachine, snapshot] = await Promise.all([services().aws.visitor.describeStateMachine(arn), getFleetSnapshot()]);
  const fleet = snapshot.stateMachines.find((sm) => sm.stateMachineArn === arn) ?? null;
  const failing = filterFailing(snapshot.failing, { stateMachine: arn, from: window.from, to: window.to }, now);

  let metrics: StateMachineView["metrics"] = null;
  let metricsError: StateMachineView["metricsError"] = null;
  try {
    metrics = await services().aws.visitor.getExecutionMetrics(parsed.region, { stateMachineArns: [arn], from: new Date(from), to: new Date(to), periodSeconds: periodFor(to - from) });
  } catch (error) {
    if (!isAwsFailure(error)) throw error;
    metricsError = { kind: error.kind, message: clientMessageFor(error), at: new Date(now).toISOString() };
  }

  const reports = await recentReports(arn, parsed.region, failing.map((e) => e.executionArn));
  const started = metrics?.byStateMachine[arn]?.["ExecutionsStarted:Sum"] ?? [];
  const startedInWindow = started.reduce((sum, p) => sum + p.value, 0);
  const executionsPerMonth = metrics ? Math.round((startedInWindow / Math.max(1, to - from)) * 30 * DAY_MS) : null;

  const link = `${input.publicUrl}${routes.stateMachine(arn)}`;
  return {
    stateMachine,
    fleet,
    findings: stateMachine.definition ? findingsForDefinition(stateMachine.definition, { stateMachineType: stateMachine.type, reports }) : [],
    metrics,
    metricsError,
    window,
    failing,
    aggregates: aggregateStates(reports),
    analysedExecutions: reports.length,
    cost: estimateFleetCost(reports, parsed.region, executionsPerMonth),
    alarmDescriptionSuggestion: `Step Functions ${stateMachine.name}: triage at ${link} — or paste this notification into ${input.publicUrl}/go`,
    fetchedAt: new Date(now).toISOString(),
  };
}

async function recentReports(stateMachineArn: string, region: string, failingArns: string[]): Promise<ExecutionReport[]> {
  let arns = failingArns.slice(0, ANALYSED_EXECUTIONS);
  if (arns.length < ANALYSED_EXECUTIONS) {
    // Successes show the healthy shape (payload growth, events per item) that failures alone hide.
    const succeeded = await services().aws.visitor.listExecutions({ stateMachineArn, statusFilter: "SUCCEEDED", maxItems: ANALYSED_EXECUTIONS - arns.length });
    arns = [...arns, ...succeeded.map((e) => e.executionArn)];
  }
  const settled = await Promise.allSettled(arns.map((arn) => triageService().getTriage(arn)));
  return settled.flatMap((r) => (r.status === "fulfilled" ? [r.value.report] : []));
}

