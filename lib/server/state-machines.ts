import "server-only";
import { isAwsFailure } from "@/lib/aws/errors";
import { aggregateStates } from "@/lib/analysis/fleet/state-aggregates";
import { filterFailing } from "@/lib/analysis/fleet/fleet-views";
import { parseStatesArn } from "@/lib/analysis/links/arn";
import type { ExecutionReport } from "@/lib/domain/report";
import type { StateMachineView } from "@/lib/domain/state-machine-view";
import { routes } from "@/lib/routes";
import { estimateFleetCost } from "./cost-view";
import { findingsForDefinition } from "./definition-findings";
import { getFleetSnapshot } from "./fleet";
import { triageService } from "./executions";
import { services } from "./services";
import { createSharedAnswers } from "./shared-answers";

// Executions analysed for the per-state aggregates: enough for a p95, few enough for the quotas.
const ANALYSED_EXECUTIONS = 10;
const DAY_MS = 86_400_000;

/** Picks a CloudWatch period that keeps a window under ~300 points (and a multiple of 60 s). */
function periodFor(windowMs: number): number {
  return Math.max(60, Math.ceil(windowMs / 300 / 60_000) * 60);
}

// Open tabs refresh this page every 30 s; answers younger than this are shared, so tabs don't multiply AWS calls.
const VIEW_TTL_MS = 15_000;
const views = createSharedAnswers<StateMachineView>({ ttlMs: VIEW_TTL_MS, entries: 512, bytes: 32 * 1024 * 1024 });

type ViewInput = { arn: string; from?: string; to?: string; publicUrl: string; now?: number };

/** The state machine page, shared between tabs for VIEW_TTL_MS (in-flight requests included). */
export function getStateMachineView(input: ViewInput): Promise<StateMachineView> {
  const now = input.now ?? Date.now();
  const key = [input.arn, input.from ?? "", input.to ?? "", input.publicUrl].join("|");
  return views.get(key, now, () => buildStateMachineView({ ...input, now }));
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
    metricsError = { kind: error.kind, message: error.message, at: new Date(now).toISOString() };
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

