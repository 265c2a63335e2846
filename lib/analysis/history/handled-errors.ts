import type { HandledError } from "@/lib/domain/report";
import type { Attribution } from "./attribution";
import type { StateMachineDefinition } from "../definition";
import { findCatcher, findRetrier } from "../error-matching";
import { readRaisedError } from "./event-errors";
import type { Visit } from "./visit";

/** What became of one raised error. */
type Disposition =
  | { kind: "retry"; by: Visit }
  | { kind: "catch"; by: Visit }
  | { kind: "unhandled" }
  | { kind: "pending" };

/**
 * Follows an error raised at `pos` in `visit` outward: the state's own Retry (a new scheduling after the
 * error) or Catch (an exit after the error), else the enclosing Parallel/Map's, and so on up. A Fail state
 * can neither retry nor catch, so its error starts at its parent.
 */
export function findDisposition(visit: Visit, pos: number, running: boolean): Disposition {
  let handler: Visit | null = visit.type === "Fail" ? visit.parent : visit;
  while (handler !== null) {
    const exit = handler.exitedPos;
    for (const restart of handler.restarts) {
      if (restart > pos && (exit < 0 || restart < exit)) return { kind: "retry", by: handler };
    }
    if (exit > pos) return { kind: "catch", by: handler };
    if (running && exit < 0 && handler.closedPos < 0 && handler.type !== "Fail") return { kind: "pending" };
    handler = handler.parent;
  }
  return { kind: "unhandled" };
}

/** Handled errors in event order, and the visits whose Catch caught one. */
export interface HandledErrors {
  handled: HandledError[];
  catchingVisits: Set<Visit>;
  /** Retried errors grouped by the visit whose Retry applied. */
  retriesByVisit: Map<Visit, HandledError[]>;
}

/** Every error a Retry retried or a Catch caught before the end, with the rule that applied. */
export function findHandledErrors(
  attribution: Attribution,
  definition: StateMachineDefinition | null,
  running: boolean,
): HandledErrors {
  const handled: HandledError[] = [];
  const catchingVisits = new Set<Visit>();
  const retriesByVisit = new Map<Visit, HandledError[]>();
  const { events } = attribution.history;
  for (const visit of attribution.visits) {
    const raised = visit.type === "Fail" ? [visit.enteredPos, ...visit.errorPositions] : visit.errorPositions;
    for (const pos of raised) {
      const disposition = findDisposition(visit, pos, running && visit.run === attribution.runs.length - 1);
      if (disposition.kind !== "retry" && disposition.kind !== "catch") continue;
      const { error, cause } = readRaisedError(attribution, visit, pos, definition);
      const rules = definition?.states.get(disposition.by.path);
      const entry: HandledError = {
        path: visit.path,
        state: visit.name,
        error,
        cause,
        eventId: events[pos]!.id,
        handlerPath: disposition.by.path,
        handledBy: { kind: "unknown" },
      };
      if (disposition.kind === "retry") {
        const index = rules ? findRetrier(rules.retry, error) : null;
        entry.handledBy = { kind: "retry", retrierIndex: index, errorEquals: index !== null ? rules!.retry[index]!.errorEquals : null };
        const group = retriesByVisit.get(disposition.by) ?? [];
        group.push(entry);
        retriesByVisit.set(disposition.by, group);
      } else {
        catchingVisits.add(disposition.by);
        const next = disposition.by.nextState;
        const index = rules ? findCatcher(rules.catch, error, next) : null;
        entry.handledBy = {
          kind: "catch",
          catcherIndex: index,
          errorEquals: index !== null ? rules!.catch[index]!.errorEquals : null,
          next: next ?? (index !== null ? rules!.catch[index]!.next : null),
        };
      }
      handled.push(entry);
    }
  }
  handled.sort((a, b) => a.eventId - b.eventId);
  for (const group of retriesByVisit.values()) group.sort((a, b) => a.eventId - b.eventId);
  return { handled, catchingVisits, retriesByVisit };
}
