import type { ExecutionStatus } from "@/lib/domain/execution";
import type { ExecutionReport } from "@/lib/domain/report";
import type { TimelineEvent } from "@/lib/domain/triage";
import { findCliffs } from "./cliffs";
import { findCaughtOrigin } from "./failure";
import { buildRunReports } from "./runs";
import { buildEventRows } from "../timeline/timeline";
import { attributeEvents } from "./attribution";
import { estimateCost } from "../cost";
import { parseDefinition, type StateMachineDefinition } from "../definition";
import { HistoryError } from "../errors";
import { findHandledErrors } from "./handled-errors";
import { normaliseHistory } from "./history";
import { buildHistoryBudget } from "./history-budget";
import { describeGaps, isWholeHistory } from "./incomplete";
import { countPayloadEvents, findPayloadPeak } from "./payloads";
import { buildStateReports } from "./state-reports";
import { buildVisitReports } from "./visit-reports";
import { toEpochMs, toIsoString } from "../timestamps";
import { countTransitions } from "./transitions";

/** What buildExecutionReport needs besides the events. */
export interface ReportOptions {
  /** The ASL definition: the JSON string DescribeStateMachine returns, the parsed object, or a parsed definition. */
  definition?: string | object | StateMachineDefinition | null;
  region?: string | null;
  executionsPerMonth?: number | null;
  /** The clock, passed in (pure code never reads it): running executions are measured up to it. */
  now: Date | string | number;
  /** False when the caller knows more history pages exist; true when it read them all. */
  complete?: boolean;
}

function toDefinition(definition: ReportOptions["definition"]): StateMachineDefinition | null {
  if (definition === undefined || definition === null) return null;
  if (typeof definition === "object" && (definition as StateMachineDefinition).states instanceof Map) {
    return definition as StateMachineDefinition;
  }
  return parseDefinition(definition);
}

/**
 * Turns an execution history (GetExecutionHistory's `events`, or the whole response) and its definition
 * into the facts on-call needs. Throws HistoryError on malformed input and nothing else.
 */
export function buildExecutionReport(events: unknown, options: ReportOptions): ExecutionReport {
  return analyse(events, options, false).report;
}

/** The report and every event as a row of the event view, from ONE attribution of events to state visits. */
export interface HistoryAnalysis {
  report: ExecutionReport;
  /** Oldest first. */
  events: TimelineEvent[];
}

/** buildExecutionReport plus the event rows, so the event view and the report can never place an event differently. */
export function analyseHistory(events: unknown, options: ReportOptions): HistoryAnalysis {
  return analyse(events, options, true);
}

function analyse(events: unknown, options: ReportOptions, withRows: boolean): HistoryAnalysis {
  const nowMs = toEpochMs(options.now);
  if (Number.isNaN(nowMs)) throw new HistoryError("bad-timestamp", "`now` is not a readable time.");
  const definition = toDefinition(options.definition);
  // A GetExecutionHistory page that still has a nextToken is, by definition, not the whole history.
  const hasNextToken = typeof events === "object" && events !== null && typeof (events as { nextToken?: unknown }).nextToken === "string";
  const complete = options.complete ?? (hasNextToken ? false : undefined);
  const history = normaliseHistory(events);
  const attribution = attributeEvents(history, definition);
  const lastRun = attribution.runs[attribution.runs.length - 1]!;
  const status: ExecutionStatus = lastRun.status ?? "RUNNING";
  const running = status === "RUNNING";

  const runs = buildRunReports(attribution, definition, status);
  const { handled, catchingVisits, retriesByVisit } = findHandledErrors(attribution, definition, running);
  for (const run of runs) {
    const origin = run.failure && run.failure.path !== null ? findCaughtOrigin(attribution, run.failure, handled, catchingVisits) : null;
    if (origin) run.failure!.origin = origin;
  }
  const failure = runs[runs.length - 1]!.failure;
  const states = buildStateReports(attribution, definition, status, catchingVisits, runs.map((a) => a.failure), nowMs);
  const visitRows = buildVisitReports(attribution, status, catchingVisits, nowMs);
  const transitions = countTransitions(attribution).total;
  const historyBudget = buildHistoryBudget(attribution);
  const incomplete = describeGaps(attribution, definition, { status, hasDefinition: definition !== null, complete });
  const payloadCounts = countPayloadEvents(attribution.visits, attribution.execution);
  const payloadKnown = payloadCounts.missing < payloadCounts.events;
  const payload = findPayloadPeak(attribution.visits, attribution.execution, payloadKnown);

  const first = history.events[0]!;
  const startedAt = first.type === "ExecutionStarted" ? toIsoString(first.timestamp) : null;
  const stoppedAt = running ? null : toIsoString(history.events[lastRun.terminalPos]!.timestamp);
  const startMs = startedAt === null ? Number.NaN : toEpochMs(startedAt);
  const endMs = stoppedAt === null ? nowMs : toEpochMs(stoppedAt);
  const durationMs = Number.isNaN(startMs) ? null : Math.max(0, endMs - startMs);

  // Express would bill the time the execution ran, not the hours a redrive waited: sum the runs.
  let runMs = 0;
  for (const run of attribution.runs) {
    const end = run.terminalPos >= 0 ? history.timesMs[run.terminalPos]! : running ? nowMs : history.timesMs[run.endPos]!;
    runMs += Math.max(0, end - history.timesMs[run.startPos]!);
  }

  const report: ExecutionReport = {
    status,
    eventCount: history.events.length,
    startedAt,
    stoppedAt,
    durationMs,
    failure,
    handledErrors: handled,
    states,
    transitions,
    history: historyBudget,
    payload,
    cost: estimateCost({
      transitions,
      durationMs: durationMs === null ? null : runMs,
      region: options.region ?? null,
      executionsPerMonth: options.executionsPerMonth ?? null,
      definitionBytes: definition?.bytes ?? null,
      dataBytes: payload.maxBytes,
    }),
    runs,
    visits: visitRows.visits,
    visitsTotal: visitRows.total,
    incomplete,
    unknownEventTypes: [...history.unknownTypes].map(([type, count]) => ({ type, count })),
    complete: isWholeHistory(attribution, complete),
    firstEventId: history.firstId,
    lastEventId: history.lastId,
    timeoutSeconds: definition?.timeoutSeconds ?? null,
  };
  report.cliffs = findCliffs({
    states,
    payload,
    history: historyBudget,
    durationMs,
    failure,
    retriesByVisit: [...retriesByVisit.values()],
    definition,
  });
  return { report, events: withRows ? buildEventRows(attribution) : [] };
}
