import type { Failure } from "@/lib/domain/report";
import type { AttemptSpan, Attribution } from "./attribution";
import type { StateMachineDefinition } from "./definition";
import { readEventError, readRaisedError } from "./event-errors";
import { EVENT_KIND } from "./event-types";
import { classifyFailure, isHistoryLimitError } from "./failure-kind";
import type { Visit } from "./visit";

/**
 * Where the error that ended an attempt originated: follow parent links back from the terminal event,
 * past the Map/Parallel *Failed events that only pass a child's error on, to the innermost state that
 * raised it (the Task that timed out, the Fail state, the Pass whose output was too big). -1 when none.
 */
export function findOriginPos(attribution: Attribution, terminalPos: number): number {
  const { events, infos } = attribution.history;
  let pos = parentPos(attribution, terminalPos);
  while (pos >= 0) {
    const info = infos[pos]!;
    const type = events[pos]!.type;
    if (info.carriesError) return attribution.visitOf[pos]! >= 0 ? pos : -1;
    const passesOn =
      info.kind === EVENT_KIND.stateAborted ||
      info.kind === EVENT_KIND.mapIteration ||
      ((info.kind === EVENT_KIND.mapState || info.kind === EVENT_KIND.parallelState || info.kind === EVENT_KIND.mapRun) &&
        (type.endsWith("Failed") || type.endsWith("Aborted")));
    if (!passesOn) return attribution.visitOf[pos]! >= 0 ? pos : -1;
    pos = parentPos(attribution, pos);
  }
  return -1;
}

function findLastStateEvent(attribution: Attribution, terminalPos: number): number {
  const parent = parentPos(attribution, terminalPos);
  if (parent >= 0 && attribution.visitOf[parent]! >= 0) return parent;
  for (let pos = terminalPos - 1; pos >= 0; pos--) if (attribution.visitOf[pos]! >= 0) return pos;
  return -1;
}

function parentPos(attribution: Attribution, pos: number): number {
  const { events, firstId, contiguous } = attribution.history;
  const parent = events[pos]!.previousEventId;
  if (typeof parent !== "number" || parent < firstId) return -1;
  if (contiguous) return parent - firstId;
  // Rare (a history with gaps): a backward scan, since ids only grow.
  for (let p = pos - 1; p >= 0; p--) {
    if (events[p]!.id === parent) return p;
    if (events[p]!.id < parent) break;
  }
  return -1;
}

/** The final error of one attempt, attributed to its innermost state, or null when the attempt did not fail. */
export function findAttemptFailure(
  attribution: Attribution,
  attempt: AttemptSpan,
  definition: StateMachineDefinition | null,
): Failure | null {
  const { terminalPos, status } = attempt;
  if (terminalPos < 0 || status === "SUCCEEDED") return null;
  const terminalId = attribution.history.events[terminalPos]!.id;
  const final = readEventError(attribution, terminalPos);
  if (status === "TIMED_OUT" || status === "ABORTED") {
    // The whole execution stopped: the error belongs to no state. Say which states were cut short.
    return {
      state: null,
      path: null,
      error: final.error ?? (status === "TIMED_OUT" ? "States.Timeout" : null),
      cause: final.cause,
      kind: status === "TIMED_OUT" ? "execution-timeout" : "aborted",
      eventId: terminalId,
      originEventId: null,
      activePaths: findActivePaths(attribution, attempt),
    };
  }
  // Out of history, no state raised anything: blame the state whose event was the last one AWS wrote.
  const originPos = isHistoryLimitError(final.error, final.cause, attribution.history.lastId)
    ? findLastStateEvent(attribution, terminalPos)
    : findOriginPos(attribution, terminalPos);
  const origin = originPos >= 0 ? attribution.visits[attribution.visitOf[originPos]!]! : null;
  const raised = origin !== null ? readRaisedError(attribution, origin, originPos, definition) : { error: null, cause: null };
  const error = final.error ?? raised.error;
  const cause = final.cause ?? raised.cause;
  const carried = originPos >= 0 && attribution.history.infos[originPos]!.carriesError;
  return {
    state: origin?.name ?? null,
    path: origin?.path ?? null,
    error,
    cause,
    kind: classifyFailure(attribution, error, cause, originPos, origin, definition),
    eventId: carried ? attribution.history.events[originPos]!.id : terminalId,
    originEventId: originPos >= 0 ? attribution.history.events[originPos]!.id : null,
  };
}

/** Paths of the innermost states still at work when an attempt stopped (for timeouts and aborts). */
function findActivePaths(attribution: Attribution, attempt: AttemptSpan): string[] {
  const index = attribution.attempts.indexOf(attempt);
  const open = new Set<Visit>();
  for (const visit of attribution.visits) {
    if (visit.attempt !== index || visit.exitedPos >= 0) continue;
    if (visit.type === "Fail" || visit.type === "Succeed") continue;
    open.add(visit);
  }
  for (const visit of open) if (visit.parent !== null) open.delete(visit.parent);
  return [...new Set([...open].map((v) => v.path))];
}
