import { DefinitionError } from "./definition-error";
import { readRetryPolicies } from "./retry-policy";
import { STATE_TYPES, type GraphState, type MapInfo, type SecondsSetting, type StateType } from "./state-graph-model";
import { readTaskInfo } from "./task-info";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const isJsonata = (v: unknown): boolean => typeof v === "string" && /^\{%[\s\S]*%\}$/.test(v.trim());
const NESTED = new Set(["Branches", "ItemProcessor", "Iterator"]);

/** The parts of a GraphState that come from the state's own fields (no ids, no edges). */
export type StateFields = Pick<GraphState, "type" | "comment" | "task" | "timeout" | "heartbeat" | "retry" | "map" | "branches" | "fields">;

const where = (path: string) => `State "${path}"`;

/** TimeoutSeconds / HeartbeatSeconds: a number, a …Path, or a JSONata expression (AWS rejects two forms). */
function readSeconds(raw: Json, field: string, path: string): SecondsSetting | null {
  const value = raw[field];
  const pathForm = raw[`${field}Path`];
  if (value !== undefined && pathForm !== undefined) {
    throw new DefinitionError("bad-state", `${where(path)} has both ${field} and ${field}Path; AWS accepts only one.`, path);
  }
  if (typeof pathForm === "string") return { seconds: null, dynamic: true };
  if (typeof value === "number") return { seconds: value, dynamic: false };
  if (isJsonata(value)) return { seconds: null, dynamic: true };
  if (value !== undefined) throw new DefinitionError("bad-state", `${where(path)}: ${field} must be a number.`, path);
  return null;
}

function readMap(raw: Json, path: string): MapInfo {
  const field = isObject(raw.ItemProcessor) ? "ItemProcessor" : isObject(raw.Iterator) ? "Iterator" : null;
  if (!field) throw new DefinitionError("bad-state", `${where(path)} is a Map with no ItemProcessor (or Iterator).`, path);
  const processor = raw[field] as Json;
  const config = isObject(processor.ProcessorConfig) ? processor.ProcessorConfig : {};
  const mode = config.Mode === "DISTRIBUTED" ? "DISTRIBUTED" : "INLINE";
  const concurrency = raw.MaxConcurrency;
  return {
    mode,
    executionType: mode === "DISTRIBUTED" ? (config.ExecutionType === "EXPRESS" ? "EXPRESS" : "STANDARD") : null,
    maxConcurrency: typeof concurrency === "number" ? concurrency : null,
    maxConcurrencyDynamic: typeof raw.MaxConcurrencyPath === "string" || isJsonata(concurrency),
    readsItemsFromS3: isObject(raw.ItemReader),
    processorField: field,
  };
}

function requireTransition(type: StateType, raw: Json, path: string): void {
  if (type === "Choice") {
    if (!Array.isArray(raw.Choices) || raw.Choices.length === 0) {
      throw new DefinitionError("bad-state", `${where(path)} is a Choice with no Choices.`, path);
    }
    return;
  }
  if (type === "Succeed" || type === "Fail") return;
  if (raw.End === true && raw.Next !== undefined) {
    throw new DefinitionError("bad-state", `${where(path)} has both End and Next.`, path);
  }
  if (raw.End !== true && typeof raw.Next !== "string") {
    throw new DefinitionError("no-transition", `${where(path)} has neither Next nor "End": true.`, path);
  }
}

/** Reads and checks one state object; throws DefinitionError naming the state. */
export function readStateFields(raw: unknown, path: string): StateFields {
  if (!isObject(raw)) throw new DefinitionError("bad-state", `${where(path)} is not an object.`, path);
  const type = raw.Type;
  if (typeof type !== "string" || !(STATE_TYPES as readonly string[]).includes(type)) {
    const shown = typeof type === "string" ? `"${type}"` : "missing";
    throw new DefinitionError("bad-state", `${where(path)} has Type ${shown}; expected one of ${STATE_TYPES.join(", ")}.`, path);
  }
  const stateType = type as StateType;
  requireTransition(stateType, raw, path);
  if (stateType === "Task" && (typeof raw.Resource !== "string" || raw.Resource === "")) {
    throw new DefinitionError("bad-state", `${where(path)} is a Task with no Resource.`, path);
  }
  if (stateType === "Parallel" && (!Array.isArray(raw.Branches) || raw.Branches.length === 0)) {
    throw new DefinitionError("bad-state", `${where(path)} is a Parallel with no Branches.`, path);
  }
  const fields = Object.fromEntries(Object.entries(raw).filter(([key]) => !NESTED.has(key)));
  return {
    type: stateType,
    comment: typeof raw.Comment === "string" ? raw.Comment : null,
    task: stateType === "Task" ? readTaskInfo(raw.Resource as string) : null,
    timeout: stateType === "Task" ? readSeconds(raw, "TimeoutSeconds", path) : null,
    heartbeat: stateType === "Task" ? readSeconds(raw, "HeartbeatSeconds", path) : null,
    retry: readRetryPolicies(raw.Retry),
    map: stateType === "Map" ? readMap(raw, path) : null,
    branches: stateType === "Parallel" ? (raw.Branches as unknown[]).length : null,
    fields,
  };
}
