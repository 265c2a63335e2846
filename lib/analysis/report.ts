import type { ExecutionStatus } from "@/lib/domain/execution";
import type { ExecutionReport } from "@/lib/domain/report";
import { buildAttemptReports } from "./attempts";
import { attributeEvents } from "./attribution";
import { estimateCost } from "./cost";
import { parseDefinition, type StateMachineDefinition } from "./definition";
import { HistoryError } from "./errors";
import { findHandledErrors } from "./handled-errors";
import { normaliseHistory } from "./history";
import { buildHistoryBudget } from "./history-budget";
import { describeGaps, isWholeHistory } from "./incomplete";
import { countPayloadEvents, findPayloadPeak } from "./payloads";
import { buildStateReports } from "./state-reports";
import { toEpochMs, toIsoString } from "./timestamps";
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
  const nowMs = toEpochMs(options.now);
  if (Number.isNaN(nowMs)) throw new HistoryError("bad-timestamp", "`now` is not a readable time.");
  const definition = toDefinition(options.definition);
  // A GetExecutionHistory page that still has a nextToken is, by definition, not the whole history.
  const hasNextToken = typeof events === "object" && events !== null && typeof (events as { nextToken?: unknown }).nextToken === "string";
  const complete = options.complete ?? (hasNextToken ? false : undefined);
  const history = normaliseHistory(events);
  const attribution = attributeEvents(history, definition);
  const lastAttempt = attribution.attempts[attribution.attempts.length - 1]!;
  const status: ExecutionStatus = lastAttempt.status ?? "RUNNING";
  const running = status === "RUNNING";

  const attempts = buildAttemptReports(attribution, definition, status);
  const failure = attempts[attempts.length - 1]!.failure;
  const { handled, catchingVisits } = findHandledErrors(attribution, definition, running);
  const states = buildStateReports(attribution, definition, status, catchingVisits, attempts.map((a) => a.failure), nowMs);
  const transitions = countTransitions(attribution).total;
  const historyBudget = buildHistoryBudget(attribution);
  const incomplete = describeGaps(attribution, definition, { status, hasDefinition: definition !== null, complete });
  const payloadCounts = countPayloadEvents(attribution.visits, attribution.execution);
  const payloadKnown = payloadCounts.missing < payloadCounts.events;
  const payload = findPayloadPeak(attribution.visits, attribution.execution, payloadKnown);

  const first = history.events[0]!;
  const startedAt = first.type === "ExecutionStarted" ? toIsoString(first.timestamp) : null;
  const stoppedAt = running ? null : toIsoString(history.events[lastAttempt.terminalPos]!.timestamp);
  const startMs = startedAt === null ? Number.NaN : toEpochMs(startedAt);
  const endMs = stoppedAt === null ? nowMs : toEpochMs(stoppedAt);
  const durationMs = Number.isNaN(startMs) ? null : Math.max(0, endMs - startMs);

  // Express would bill the time the execution ran, not the hours a redrive waited: sum the attempts.
  let runMs = 0;
  for (const attempt of attribution.attempts) {
    const end = attempt.terminalPos >= 0 ? history.timesMs[attempt.terminalPos]! : running ? nowMs : history.timesMs[attempt.endPos]!;
    runMs += Math.max(0, end - history.timesMs[attempt.startPos]!);
  }

  return {
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
    attempts,
    incomplete,
    unknownEventTypes: [...history.unknownTypes].map(([type, count]) => ({ type, count })),
    complete: isWholeHistory(attribution, complete),
    firstEventId: history.firstId,
    lastEventId: history.lastId,
  };
}
