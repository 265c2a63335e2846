import type { GraphState, StateGraphModel, StateType } from "../graph/state-graph-model";

/**
 * History events one run of a state adds, when nothing goes wrong: Entered + Exited, plus a Task's
 * Scheduled/Started/Succeeded, plus a Parallel's or Map's Started/Succeeded. A Fail state's exit is the
 * failure event itself.
 */
const OWN_EVENTS: Record<StateType, number> = {
  Task: 5,
  Pass: 2,
  Choice: 2,
  Wait: 2,
  Succeed: 2,
  Fail: 1,
  Parallel: 4,
  Map: 4,
};

/** MapIterationStarted and MapIterationSucceeded around each item. */
const ITERATION_EVENTS = 2;

function childrenOf(model: StateGraphModel, path: string): GraphState[] {
  return model.states.filter((s) => s.ownerPath === path);
}

function subtreeEvents(model: StateGraphModel, state: GraphState): number {
  let total = OWN_EVENTS[state.type];
  // A Distributed Map's items run in child executions: only its own events land here.
  if (state.type === "Parallel" || (state.type === "Map" && state.map?.mode === "INLINE")) {
    const inner = childrenOf(model, state.path).reduce((sum, child) => sum + subtreeEvents(model, child), 0);
    // A nested inline Map is counted as if it had one item: its real count multiplies this.
    total += inner + (state.type === "Map" ? ITERATION_EVENTS : 0);
  }
  return total;
}

/**
 * Events one item of an inline Map adds to the history, from the processor's shape: every state once,
 * no retries, no failures. Choice branches make it an overestimate, retries an underestimate.
 */
export function estimateEventsPerItem(model: StateGraphModel, map: GraphState): number {
  return ITERATION_EVENTS + childrenOf(model, map.path).reduce((sum, child) => sum + subtreeEvents(model, child), 0);
}
