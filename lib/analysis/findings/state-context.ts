import type { GraphState, StateGraphModel } from "../graph/state-graph-model";
import { statesByPath } from "../graph/build-state-graph";
import { EXPRESS_MAX_DURATION_MS } from "../limits";
import type { WorkflowType } from "./finding";

/** A state with what encloses it: findings about one state often depend on its Parallel or Map. */
export interface StateContext {
  state: GraphState;
  /** Enclosing Map/Parallel states, innermost first. */
  ancestors: GraphState[];
  model: StateGraphModel;
  /** States by path, for following transitions. */
  byPath: Map<string, GraphState>;
  stateMachineType: WorkflowType;
  /** Runs in an Express execution: an Express state machine, or a Distributed Map's Express children. */
  inExpress: boolean;
  /** The timeout that ends this state's execution, in seconds: the state machine's, or 300 in an Express child. */
  executionTimeoutSeconds: number | null;
  executionTimeoutSource: "state machine" | "Express execution" | "Express child execution" | null;
}

/** Express executions (and Distributed Map children run as Express) stop at 5 minutes. */
const EXPRESS_LIMIT_SECONDS = EXPRESS_MAX_DURATION_MS / 1000;

/** Every state of the model with its ancestors and enclosing execution timeout. */
export function buildStateContexts(model: StateGraphModel, stateMachineType: WorkflowType = "STANDARD"): StateContext[] {
  const longerThanExpress = model.timeoutSeconds === null || model.timeoutSeconds > EXPRESS_LIMIT_SECONDS;
  const expressMachine = stateMachineType === "EXPRESS";
  const byPath = statesByPath(model);
  return model.states.map((state) => {
    const ancestors: GraphState[] = [];
    for (let owner = state.ownerPath; owner !== null; ) {
      const parent = byPath.get(owner);
      if (!parent) break;
      ancestors.push(parent);
      owner = parent.ownerPath;
    }
    const inExpressChild = ancestors.some((a) => a.map?.mode === "DISTRIBUTED" && a.map.executionType === "EXPRESS");
    const useExpress = (expressMachine || inExpressChild) && longerThanExpress;
    return {
      state,
      ancestors,
      model,
      byPath,
      stateMachineType,
      inExpress: expressMachine || inExpressChild,
      executionTimeoutSeconds: useExpress ? EXPRESS_LIMIT_SECONDS : model.timeoutSeconds,
      executionTimeoutSource: useExpress ? (expressMachine ? "Express execution" : "Express child execution") : model.timeoutSeconds === null ? null : "state machine",
    };
  });
}

/** The state a transition of `state` names (same scope), if it exists. */
export function targetOf(context: StateContext, name: string): GraphState | undefined {
  const { state, byPath } = context;
  return byPath.get(state.ownerPath === null ? name : `${state.ownerPath}/${name}`);
}

/**
 * A callback that waits for a person (an approval, a review): it can't send heartbeats, and retrying it
 * would send the request again. Told by its name or comment, or by a wait of an hour or more.
 */
export function isHumanCallback(state: GraphState): boolean {
  if (state.task?.pattern !== "callback") return false;
  if (/approv|human|manual|review|confirm|consent|sign.?off|e-?mail/i.test(`${state.name} ${state.comment ?? ""}`)) return true;
  return (state.timeout?.seconds ?? 0) >= 3600;
}
