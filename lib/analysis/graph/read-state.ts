import type { DefinitionProblem } from "./definition-error";
import { readRetryPolicies } from "./retry-policy";
import { STATE_TYPES, type GraphState, type MapInfo, type SecondsSetting, type StateType } from "./state-graph-model";
import { readTaskInfo } from "./task-info";
import { isJsonataExpression, isTemplatePlaceholder } from "./template-values";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const NESTED = new Set(["Branches", "ItemProcessor", "Iterator"]);
/** Fields AWS accepts in a static or a …Path form, never both (ASL spec; asl-validator's AtMostOne checks). */
const STATIC_OR_PATH = ["TimeoutSeconds", "HeartbeatSeconds", "MaxConcurrency", "ToleratedFailurePercentage", "ToleratedFailureCount", "Seconds", "Timestamp"];

/** The parts of a GraphState that come from the state's own fields (no ids, no edges). */
export type StateFields = Pick<GraphState, "type" | "comment" | "task" | "timeout" | "heartbeat" | "retry" | "map" | "branches" | "fields">;

/** One state as read: its fields when they can be read, and every structural problem found on the way. */
export interface StateReading {
  fields: StateFields | null;
  problems: DefinitionProblem[];
}

const where = (path: string) => `State "${path}"`;

/**
 * TimeoutSeconds / HeartbeatSeconds: a number, a …Path, a JSONata expression, or a template placeholder
 * (`"${Timeout}"`, filled at deploy). Placeholders and expressions are "set, value known later".
 */
function readSeconds(raw: Json, field: string, path: string, problems: DefinitionProblem[]): SecondsSetting | null {
  const value = raw[field];
  if (typeof raw[`${field}Path`] === "string") return { seconds: null, dynamic: true };
  if (typeof value === "number") return { seconds: value, dynamic: false };
  if (isJsonataExpression(value) || isTemplatePlaceholder(value)) return { seconds: null, dynamic: true };
  if (value !== undefined) problems.push({ code: "state-invalid", path, field, message: `${where(path)}: ${field} must be a number.` });
  return null;
}

function readMap(raw: Json, path: string, problems: DefinitionProblem[]): MapInfo | null {
  const field = isObject(raw.ItemProcessor) ? "ItemProcessor" : isObject(raw.Iterator) ? "Iterator" : null;
  if (!field) {
    problems.push({ code: "state-invalid", path, field: "ItemProcessor", message: `${where(path)} is a Map with no ItemProcessor (or Iterator).` });
    return null;
  }
  const processor = raw[field] as Json;
  const config = isObject(processor.ProcessorConfig) ? processor.ProcessorConfig : {};
  const mode = config.Mode === "DISTRIBUTED" ? "DISTRIBUTED" : "INLINE";
  const concurrency = raw.MaxConcurrency;
  const tolerated = raw.ToleratedFailurePercentage;
  return {
    mode,
    executionType: mode === "DISTRIBUTED" ? (config.ExecutionType === "EXPRESS" ? "EXPRESS" : "STANDARD") : null,
    maxConcurrency: typeof concurrency === "number" ? concurrency : null,
    maxConcurrencyDynamic: typeof raw.MaxConcurrencyPath === "string" || isJsonataExpression(concurrency) || isTemplatePlaceholder(concurrency),
    readsItemsFromS3: isObject(raw.ItemReader),
    processorField: field,
    toleratedFailurePercentage: typeof tolerated === "number" ? tolerated : null,
  };
}

function checkTransition(type: StateType, raw: Json, path: string, problems: DefinitionProblem[]): void {
  if (type === "Choice") {
    if (!Array.isArray(raw.Choices) || raw.Choices.length === 0) {
      problems.push({ code: "state-invalid", path, field: "Choices", message: `${where(path)} is a Choice with no Choices.` });
    }
    return;
  }
  if (type === "Succeed" || type === "Fail") return;
  if (raw.End === true && raw.Next !== undefined) {
    problems.push({ code: "transition-missing", path, field: "Next", message: `${where(path)} has both End and Next.` });
  } else if (raw.End !== true && typeof raw.Next !== "string") {
    problems.push({ code: "transition-missing", path, field: "Next", message: `${where(path)} has neither Next nor "End": true.` });
  }
}

function checkStaticAndPath(raw: Json, path: string, problems: DefinitionProblem[]): void {
  for (const field of STATIC_OR_PATH) {
    if (raw[field] !== undefined && raw[`${field}Path`] !== undefined) {
      problems.push({ code: "static-and-path-both", path, field, message: `${where(path)} has both ${field} and ${field}Path; AWS accepts only one.` });
    }
  }
}

/**
 * The Task's integration. A Resource that is one placeholder (`${SendMessageAction}`) says nothing, but a
 * Task that hands out `$$.Task.Token` (or JSONata's `$states.context.Task.Token`) is waiting for a callback.
 */
function readTask(raw: Json) {
  const task = readTaskInfo(raw.Resource);
  if (task.service !== null || !task.placeholder) return task;
  const passesToken = /\$\$\.Task\.Token|\$states\.context\.Task\.Token/.test(JSON.stringify([raw.Parameters, raw.Arguments]));
  return passesToken ? { ...task, pattern: "callback" as const } : task;
}

function hasResource(raw: Json): boolean {
  return (typeof raw.Resource === "string" && raw.Resource !== "") || isTemplatePlaceholder(raw.Resource);
}

/** Reads one state object. Never throws: what AWS would reject comes back as problems naming the state. */
export function readStateFields(raw: unknown, path: string): StateReading {
  const problems: DefinitionProblem[] = [];
  if (!isObject(raw)) return { fields: null, problems: [{ code: "state-invalid", path, field: null, message: `${where(path)} is not an object.` }] };
  const type = raw.Type;
  if (typeof type !== "string" || !(STATE_TYPES as readonly string[]).includes(type)) {
    const shown = typeof type === "string" ? `"${type}"` : "missing";
    const message = `${where(path)} has Type ${shown}; expected one of ${STATE_TYPES.join(", ")}.`;
    return { fields: null, problems: [{ code: "state-invalid", path, field: "Type", message }] };
  }
  const stateType = type as StateType;
  checkTransition(stateType, raw, path, problems);
  checkStaticAndPath(raw, path, problems);
  if (stateType === "Task" && !hasResource(raw)) {
    problems.push({ code: "task-resource-missing", path, field: "Resource", message: `${where(path)} is a Task with no Resource.` });
  }
  const branches = Array.isArray(raw.Branches) ? raw.Branches : [];
  if (stateType === "Parallel" && branches.length === 0) {
    problems.push({ code: "state-invalid", path, field: "Branches", message: `${where(path)} is a Parallel with no Branches.` });
  }
  const fields = Object.fromEntries(Object.entries(raw).filter(([key]) => !NESTED.has(key)));
  return {
    fields: {
      type: stateType,
      comment: typeof raw.Comment === "string" ? raw.Comment : null,
      task: stateType === "Task" && hasResource(raw) ? readTask(raw) : null,
      timeout: stateType === "Task" ? readSeconds(raw, "TimeoutSeconds", path, problems) : null,
      heartbeat: stateType === "Task" ? readSeconds(raw, "HeartbeatSeconds", path, problems) : null,
      retry: readRetryPolicies(raw.Retry),
      map: stateType === "Map" ? readMap(raw, path, problems) : null,
      branches: stateType === "Parallel" ? branches.length : null,
      fields,
    },
    problems,
  };
}
