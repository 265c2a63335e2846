import { HistoryError } from "./errors";
import { isDefinitionError } from "./graph/definition-error";
import { readAslDefinition, type ReadDefinition, type ReadState } from "./graph/read-definition";
import { isJsonataExpression, isTemplatePlaceholder } from "./graph/template-values";

/** One Retry rule of a state. */
export interface Retrier {
  errorEquals: string[];
  /** MaxAttempts, AWS's default (3) filled in when absent. */
  maxAttempts: number | null;
}

/** One Catch rule of a state, as written. */
export interface Catcher {
  errorEquals: string[];
  next: string | null;
}

/** A state of the definition, keyed by its path ("Map/Inner"): the history analyser's view of the one reader's output. */
export interface DefinitionState {
  path: string;
  name: string;
  type: string;
  /** Path of the enclosing Map or Parallel state; null at the top level. */
  parentPath: string | null;
  retry: Retrier[];
  catch: Catcher[];
  /** A Fail state's static Error / Cause (null when dynamic or absent). */
  error: string | null;
  cause: string | null;
  timeoutSeconds: number | null;
  heartbeatSeconds: number | null;
  /** TimeoutSecondsPath / HeartbeatSecondsPath or a JSONata expression: only the history knows the value. */
  dynamicTimeout: boolean;
  dynamicHeartbeat: boolean;
  /** A Map whose ItemProcessor runs as child executions (Mode DISTRIBUTED). */
  distributed: boolean;
  /** Runs in a Distributed Map's child executions, so never appears in this history. */
  inChildExecution: boolean;
  /** Number of branches of a Parallel state. */
  branches: number | null;
}

/** The parsed definition: states by path, in definition order. */
export interface StateMachineDefinition {
  states: Map<string, DefinitionState>;
  /** Paths sharing a state name (names need only be unique per scope). */
  pathsByName: Map<string, string[]>;
  timeoutSeconds: number | null;
  /** UTF-8 size of the definition (Express memory grows with it). */
  bytes: number;
}

const staticString = (v: unknown): string | null => (typeof v === "string" && !isJsonataExpression(v) && !isTemplatePlaceholder(v) ? v : null);

function toDefinitionState(state: ReadState): DefinitionState {
  const { raw, fields } = state;
  const type = fields?.type ?? state.typeName;
  return {
    path: state.path,
    name: state.name,
    type,
    parentPath: state.ownerPath,
    retry: (fields?.retry ?? []).map((p) => ({ errorEquals: p.errorEquals, maxAttempts: p.maxAttempts })),
    catch: state.catchers.map((c) => ({ errorEquals: c.errorEquals, next: c.next })),
    error: type === "Fail" ? staticString(raw.Error) : null,
    cause: type === "Fail" ? staticString(raw.Cause) : null,
    timeoutSeconds: fields?.timeout?.seconds ?? null,
    heartbeatSeconds: fields?.heartbeat?.seconds ?? null,
    dynamicTimeout: fields?.timeout?.dynamic ?? false,
    dynamicHeartbeat: fields?.heartbeat?.dynamic ?? false,
    distributed: fields?.map?.mode === "DISTRIBUTED",
    inChildExecution: state.inChildExecution,
    branches: fields?.branches ?? null,
  };
}

/**
 * Parses an ASL definition (the JSON string DescribeStateMachine returns, that response, or the object) into
 * states by path, through the one reader the graph and the findings use. Structural problems don't stop it:
 * the history shows what ran. Throws HistoryError("bad-definition") only when it is not a definition at all.
 */
export function parseDefinition(definition: string | object): StateMachineDefinition {
  let read: ReadDefinition;
  try {
    read = readAslDefinition(definition);
  } catch (error) {
    if (isDefinitionError(error)) throw new HistoryError("bad-definition", error.message);
    throw error;
  }
  const result: StateMachineDefinition = { states: new Map(), pathsByName: new Map(), timeoutSeconds: read.timeoutSeconds, bytes: read.bytes };
  for (const state of read.states) {
    if (!result.states.has(state.path)) result.states.set(state.path, toDefinitionState(state));
    const sameName = result.pathsByName.get(state.name);
    if (sameName) sameName.push(state.path);
    else result.pathsByName.set(state.name, [state.path]);
  }
  return result;
}
