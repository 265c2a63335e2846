import type { Failure, FailureOrigin, HandledError } from "@/lib/domain/report";
import type { RunSpan, Attribution } from "./attribution";
import type { StateMachineDefinition } from "../definition";
import { enteredAtEventId, readEventError, readRaisedError } from "./event-errors";
import { EVENT_KIND } from "../event-types";
import { classifyFailure, isHistoryLimitError } from "./failure-kind";
import type { Visit } from "./visit";

/**
 * Where the error that ended a run originated: follow parent links back from the terminal event,
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

/** Position of the event with this id, or -1 when it is not among the events read. */
export function positionOf(attribution: Attribution, id: number): number {
  const { events, firstId, contiguous } = attribution.history;
  if (id < firstId) return -1;
  if (contiguous) return id - firstId < events.length ? id - firstId : -1;
  for (let p = 0; p < events.length; p++) if (events[p]!.id === id) return p;
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

/** The final error of one run, attributed to its innermost state, or null when the run did not fail. */
export function findRunFailure(
  attribution: Attribution,
  run: RunSpan,
  definition: StateMachineDefinition | null,
): Failure | null {
  const { terminalPos, status } = run;
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
      activePaths: findActivePaths(attribution, run),
    };
  }
  // Out of history, no state raised anything: blame the state whose event was the last one AWS wrote.
  let originPos = isHistoryLimitError(final.error, final.cause, attribution.history.lastId)
    ? findLastStateEvent(attribution, terminalPos)
    : findOriginPos(attribution, terminalPos);
  if (originPos < 0) {
    // Old-style runtime errors: ExecutionFailed linked to event 0, no EvaluationFailed, and the cause
    // naming "(entered at the event id #N)" — the state entered at N raised it.
    const enteredId = enteredAtEventId(final.cause);
    const enteredPos = enteredId !== null ? positionOf(attribution, enteredId) : -1;
    if (enteredPos >= 0 && attribution.visitOf[enteredPos]! >= 0) originPos = enteredPos;
  }
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

/** Paths of the innermost states still at work when a run stopped (for timeouts and aborts). */
function findActivePaths(attribution: Attribution, run: RunSpan): string[] {
  const index = attribution.runs.indexOf(run);
  const open = new Set<Visit>();
  for (const visit of attribution.visits) {
    if (visit.run !== index || visit.exitedPos >= 0) continue;
    if (visit.type === "Fail" || visit.type === "Succeed") continue;
    open.add(visit);
  }
  for (const visit of open) if (visit.parent !== null) open.delete(visit.parent);
  return [...new Set([...open].map((v) => v.path))];
}

// A loop (Choice → Task → Choice…) can make the route back from the final state long; on-call needs the last few.
const MAX_ROUTE = 50;

/** The visit whose event the state entered at `visit` follows (its predecessor in the same scope), or null. */
function previousVisit(attribution: Attribution, visit: Visit): Visit | null {
  const parent = parentPos(attribution, visit.enteredPos);
  if (parent < 0 || attribution.history.infos[parent]!.kind !== EVENT_KIND.stateExited) return null;
  const index = attribution.visitOf[parent]!;
  if (index < 0) return null;
  const previous = attribution.visits[index]!;
  // Only states of the same scope: the first state of a branch or an item follows its Map/Parallel, not a Catch.
  return previous.parent === visit.parent ? previous : null;
}

/**
 * The root cause of a run that ended after a Catch: walk back from the state that ended the run through the
 * states before it, to the first one whose Catch caught an error, and name the error raised inside it
 * (the innermost state that raised it, e.g. Checks/AuthorizePayment). Null when no Catch led there.
 */
export function findCaughtOrigin(
  attribution: Attribution,
  failure: Failure,
  handled: readonly HandledError[],
  catchingVisits: ReadonlySet<Visit>,
): FailureOrigin | null {
  if (failure.originEventId === null || failure.originEventId === undefined) return null;
  const originPos = positionOf(attribution, failure.originEventId);
  const index = originPos >= 0 ? attribution.visitOf[originPos]! : -1;
  if (index < 0) return null;
  const route: string[] = [];
  let visit: Visit | null = attribution.visits[index]!;
  for (let steps = 0; visit !== null && steps < MAX_ROUTE; steps++) {
    route.unshift(visit.name);
    const previous: Visit | null = previousVisit(attribution, visit);
    if (previous !== null && catchingVisits.has(previous)) {
      route.unshift(previous.name);
      const { events } = attribution.history;
      const from = events[previous.enteredPos]!.id;
      const to = previous.exitedPos >= 0 ? events[previous.exitedPos]!.id : Number.MAX_SAFE_INTEGER;
      const caught = handled.filter((h) => h.handledBy.kind === "catch" && h.handlerPath === previous.path && h.eventId > from && h.eventId < to);
      // The innermost raise first (a branch's Task), not the Parallel/Map event that only passed it on.
      const raised = caught.find((h) => h.path !== previous.path) ?? caught[caught.length - 1];
      if (!raised) return null;
      return { state: raised.state, path: raised.path, error: raised.error, cause: raised.cause, eventId: raised.eventId, route };
    }
    visit = previous;
  }
  return null;
}
