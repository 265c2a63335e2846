import type { HistoryEvent } from "@/lib/domain/history-event";
import type { StateMachineDefinition } from "./definition";
import { detailsOf, readNumber } from "./details";
import type { EventTypeInfo } from "./event-types";
import { isContainer, type Visit } from "./history/visit";

/** Where a new visit belongs: its enclosing Map/Parallel visit, its Map item and its path. */
export interface Placement {
  scope: Visit | null;
  iteration: number | null;
  path: string;
}

// Parent event types after which a *StateEntered starts a child scope (a Map item, a Parallel branch).
const OPENS_SCOPE = new Set(["MapIterationStarted", "ParallelStateStarted", "MapStateStarted", "MapStateEntered", "ParallelStateEntered"]);

/**
 * Places a *StateEntered event. Its parent is either the event that opened a Map item or a Parallel
 * branch (so the state runs inside that Map/Parallel) or the previous state's last event (so it is that
 * state's sibling). When the parent link leads nowhere (a partial page), a name that is unique in the
 * definition still gives the path.
 */
export function placeEnteredState(
  name: string,
  parentPos: number,
  parentVisit: Visit | null,
  events: readonly HistoryEvent[],
  infos: readonly EventTypeInfo[],
  definition: StateMachineDefinition | null,
  lastByPath: ReadonlyMap<string, Visit>,
): Placement {
  let scope: Visit | null = null;
  let iteration: number | null = null;
  if (parentVisit !== null) {
    const parentType = events[parentPos]!.type;
    if (isContainer(parentVisit) && OPENS_SCOPE.has(parentType)) {
      scope = parentVisit;
      if (parentType === "MapIterationStarted") iteration = readNumber(detailsOf(events[parentPos]!, infos[parentPos]!), "index");
    } else {
      scope = parentVisit.parent;
      iteration = parentVisit.iteration;
    }
  }
  let path = scope === null ? name : `${scope.path}/${name}`;
  if (definition !== null && !definition.states.has(path)) {
    const candidates = definition.pathsByName.get(name);
    if (candidates !== undefined && candidates.length === 1) {
      path = candidates[0]!;
      const parentPath = definition.states.get(path)!.parentPath;
      const enclosing = parentPath === null ? null : (lastByPath.get(parentPath) ?? null);
      scope = enclosing !== null && enclosing.path === parentPath ? enclosing : null;
    }
  }
  return { scope, iteration, path };
}
