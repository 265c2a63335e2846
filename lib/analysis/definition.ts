import { HistoryError } from "./errors";
import { utf8ByteLength } from "./bytes";

/** One Retry rule of a state, as written. */
export interface Retrier {
  errorEquals: string[];
  maxAttempts: number | null;
}

/** One Catch rule of a state, as written. */
export interface Catcher {
  errorEquals: string[];
  next: string | null;
}

/** A state of the definition, keyed by its path ("Map/Inner"). Minimal on purpose: the graph helper has the full model. */
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

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const staticString = (v: unknown): string | null => (typeof v === "string" && !v.startsWith("{%") ? v : null);
const staticNumber = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);
const dynamic = (state: Json, field: string): boolean =>
  typeof state[`${field}Path`] === "string" || (typeof state[field] === "string" && String(state[field]).startsWith("{%"));
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);

/** Parses an ASL definition (the JSON string DescribeStateMachine returns, or the object) into states by path. */
export function parseDefinition(definition: string | object): StateMachineDefinition {
  let root: unknown = definition;
  let bytes = 0;
  if (typeof definition === "string") {
    bytes = utf8ByteLength(definition);
    try {
      root = JSON.parse(definition);
    } catch {
      throw new HistoryError("bad-definition", "The definition is not valid JSON.");
    }
  } else {
    bytes = utf8ByteLength(JSON.stringify(definition) ?? "");
  }
  if (!isObject(root) || !isObject(root.States)) {
    throw new HistoryError("bad-definition", "The definition has no States object: it is not Amazon States Language.");
  }
  const result: StateMachineDefinition = {
    states: new Map(),
    pathsByName: new Map(),
    timeoutSeconds: staticNumber(root.TimeoutSeconds),
    bytes,
  };
  addStates(result, root.States, null, false);
  return result;
}

function addStates(into: StateMachineDefinition, states: Json, parentPath: string | null, inChild: boolean): void {
  for (const [name, raw] of Object.entries(states)) {
    if (!isObject(raw)) continue;
    const path = parentPath === null ? name : `${parentPath}/${name}`;
    const type = typeof raw.Type === "string" ? raw.Type : "Unknown";
    const processor = isObject(raw.ItemProcessor) ? raw.ItemProcessor : isObject(raw.Iterator) ? raw.Iterator : null;
    const config = processor && isObject(processor.ProcessorConfig) ? processor.ProcessorConfig : null;
    const distributed = type === "Map" && config?.Mode === "DISTRIBUTED";
    const branches = type === "Parallel" && Array.isArray(raw.Branches) ? raw.Branches : null;
    into.states.set(path, {
      path,
      name,
      type,
      parentPath,
      retry: (Array.isArray(raw.Retry) ? raw.Retry : []).filter(isObject).map((r) => ({
        errorEquals: strings(r.ErrorEquals),
        maxAttempts: staticNumber(r.MaxAttempts),
      })),
      catch: (Array.isArray(raw.Catch) ? raw.Catch : []).filter(isObject).map((c) => ({
        errorEquals: strings(c.ErrorEquals),
        next: typeof c.Next === "string" ? c.Next : null,
      })),
      error: type === "Fail" ? staticString(raw.Error) : null,
      cause: type === "Fail" ? staticString(raw.Cause) : null,
      timeoutSeconds: staticNumber(raw.TimeoutSeconds),
      heartbeatSeconds: staticNumber(raw.HeartbeatSeconds),
      dynamicTimeout: dynamic(raw, "TimeoutSeconds"),
      dynamicHeartbeat: dynamic(raw, "HeartbeatSeconds"),
      distributed,
      inChildExecution: inChild,
      branches: branches ? branches.length : null,
    });
    const sameName = into.pathsByName.get(name);
    if (sameName) sameName.push(path);
    else into.pathsByName.set(name, [path]);
    if (processor && isObject(processor.States)) addStates(into, processor.States, path, inChild || distributed);
    for (const branch of branches ?? []) {
      if (isObject(branch) && isObject(branch.States)) addStates(into, branch.States, path, inChild);
    }
  }
}
