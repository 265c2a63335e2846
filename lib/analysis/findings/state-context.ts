import type { GraphState, StateGraphModel } from "../graph/state-graph-model";
import { statesByPath } from "../graph/build-state-graph";

/** A state with what encloses it: findings about one state often depend on its Parallel or Map. */
export interface StateContext {
  state: GraphState;
  /** Enclosing Map/Parallel states, innermost first. */
  ancestors: GraphState[];
  model: StateGraphModel;
  /** The timeout that ends this state's execution, in seconds: the state machine's, or 300 in an Express child. */
  executionTimeoutSeconds: number | null;
  executionTimeoutSource: "state machine" | "Express execution" | "Express child execution" | null;
}

/** Express executions (and Distributed Map children run as Express) stop at 5 minutes. */
const EXPRESS_LIMIT_SECONDS = 300;

/** Every state of the model with its ancestors and enclosing execution timeout. */
export function buildStateContexts(model: StateGraphModel, stateMachineType: "STANDARD" | "EXPRESS" = "STANDARD"): StateContext[] {
  const expressMachine = stateMachineType === "EXPRESS" && (model.timeoutSeconds === null || model.timeoutSeconds > EXPRESS_LIMIT_SECONDS);
  const byPath = statesByPath(model);
  return model.states.map((state) => {
    const ancestors: GraphState[] = [];
    for (let owner = state.ownerPath; owner !== null; ) {
      const parent = byPath.get(owner);
      if (!parent) break;
      ancestors.push(parent);
      owner = parent.ownerPath;
    }
    const inExpress = ancestors.some((a) => a.map?.mode === "DISTRIBUTED" && a.map.executionType === "EXPRESS");
    const useExpress = expressMachine || (inExpress && (model.timeoutSeconds === null || model.timeoutSeconds > EXPRESS_LIMIT_SECONDS));
    return {
      state,
      ancestors,
      model,
      executionTimeoutSeconds: useExpress ? EXPRESS_LIMIT_SECONDS : model.timeoutSeconds,
      executionTimeoutSource: expressMachine ? "Express execution" : useExpress ? "Express child execution" : model.timeoutSeconds === null ? null : "state machine",
    };
  });
}

/** True when the list names the error, or States.ALL. `States.TaskFailed` does not match States.Timeout. */
export function namesError(errorEquals: readonly string[], error: string): boolean {
  return errorEquals.includes("States.ALL") || errorEquals.includes(error);
}
