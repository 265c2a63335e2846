import { utf8ByteLength } from "../bytes";
import type { DefinitionProblem } from "./definition-error";
import { readStateFields, type StateFields } from "./read-state";
import { parseJsonText, unwrapDefinition } from "./unwrap-definition";

export { parseJsonText, readDefinition, unwrapDefinition } from "./unwrap-definition";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);

/** A transition out of a state, as written: Next, a Choice rule, a Choice Default or a Catch. */
export interface ReadTransition {
  kind: "next" | "choice" | "default" | "catch";
  /** Where it is written: "Next", "Choices[0].Next", "Default", "Catch[1].Next". */
  field: string;
  /** The named state (null when the field is missing or not a string). */
  target: string | null;
  /** Whether the target is a state of the same scope. */
  resolved: boolean;
  /** The Choice rule or the Catch rule object, for labels. */
  rule: unknown;
}

/** One Catch rule as written. */
export interface ReadCatcher {
  index: number;
  errorEquals: string[];
  next: string | null;
  resultPath: unknown;
}

/** One state of the definition, read once for every consumer (history analyser, graph, findings). */
export interface ReadState {
  path: string;
  name: string;
  /** Type as written ("Unknown" when missing). */
  typeName: string;
  /** The readable fields, or null when the state cannot be read (not an object, unknown Type). */
  fields: StateFields | null;
  /** The state object as written (an empty object when it is not one). */
  raw: Json;
  ownerPath: string | null;
  depth: number;
  queryLanguage: "JSONPath" | "JSONata";
  isStart: boolean;
  /** Runs in a Distributed Map's child executions (its own history). */
  inChildExecution: boolean;
  catchers: ReadCatcher[];
  transitions: ReadTransition[];
  /** Reachable from its scope's StartAt. */
  reachable: boolean;
  /** Parallel branches and Map processors inside this state, in order. */
  scopes: ReadScope[];
}

/** The root, a Parallel branch or a Map processor: an object holding StartAt and States. */
export interface ReadScope {
  /** The Map or Parallel state that holds it; null at the root. */
  ownerPath: string | null;
  /** Branch index within its Parallel; null for the root and Map processors. */
  branchIndex: number | null;
  /** How messages name it: "The definition", "Branch 2 of Parallel \"P\"". */
  where: string;
  startAt: string | null;
  states: ReadState[];
}

/** A definition read once: scopes as a tree, states depth-first, and every structural problem. */
export interface ReadDefinition {
  root: Json;
  /** UTF-8 size of the definition (Express memory grows with it). */
  bytes: number;
  queryLanguage: "JSONPath" | "JSONata";
  comment: string | null;
  /** Top-level TimeoutSeconds (whole execution); null when absent or not a number. */
  timeoutSeconds: number | null;
  scope: ReadScope;
  /** Depth-first, definition order: a Map or Parallel before its children. */
  states: ReadState[];
  problems: DefinitionProblem[];
}

const language = (value: unknown, fallback: "JSONPath" | "JSONata") => (value === "JSONata" ? "JSONata" : value === "JSONPath" ? "JSONPath" : fallback);

class Reader {
  readonly states: ReadState[] = [];
  readonly problems: DefinitionProblem[] = [];

  readScope(body: Json, ctx: { ownerPath: string | null; branchIndex: number | null; depth: number; inChild: boolean; language: "JSONPath" | "JSONata"; where: string }): ReadScope {
    const startAt = typeof body.StartAt === "string" ? body.StartAt : null;
    const scope: ReadScope = { ownerPath: ctx.ownerPath, branchIndex: ctx.branchIndex, where: ctx.where, startAt, states: [] };
    if (!isObject(body.States) || Object.keys(body.States).length === 0) {
      this.problems.push({ code: "state-invalid", path: ctx.ownerPath, field: "States", message: `${ctx.where} has no States.` });
      return scope;
    }
    const states = body.States;
    if (startAt === null || !(startAt in states)) {
      const shown = startAt !== null ? `"${startAt}" is not one of its States` : "is missing";
      this.problems.push({ code: "transition-target-missing", path: ctx.ownerPath, field: "StartAt", message: `${ctx.where}: StartAt ${shown}.` });
    }
    for (const [name, value] of Object.entries(states)) scope.states.push(this.readState(name, value, ctx, startAt));
    for (const state of scope.states) this.resolve(state, states);
    this.markReachable(scope);
    return scope;
  }

  private readState(name: string, value: unknown, ctx: Parameters<Reader["readScope"]>[1], startAt: string | null): ReadState {
    const path = ctx.ownerPath === null ? name : `${ctx.ownerPath}/${name}`;
    const { fields, problems } = readStateFields(value, path);
    this.problems.push(...problems);
    const raw = isObject(value) ? value : {};
    const state: ReadState = {
      path,
      name,
      typeName: typeof raw.Type === "string" ? raw.Type : "Unknown",
      fields,
      raw,
      ownerPath: ctx.ownerPath,
      depth: ctx.depth,
      queryLanguage: language(raw.QueryLanguage, ctx.language),
      isStart: name === startAt,
      inChildExecution: ctx.inChild,
      catchers: (Array.isArray(raw.Catch) ? raw.Catch : []).filter(isObject).map((c, index) => ({
        index,
        errorEquals: strings(c.ErrorEquals),
        next: typeof c.Next === "string" ? c.Next : null,
        resultPath: c.ResultPath,
      })),
      transitions: [],
      reachable: false,
      scopes: [],
    };
    this.states.push(state);
    const inner = { ownerPath: path, depth: ctx.depth + 1, language: state.queryLanguage };
    if (fields?.map) {
      const processor = raw[fields.map.processorField] as Json;
      state.scopes.push(
        this.readScope(processor, { ...inner, branchIndex: null, inChild: ctx.inChild || fields.map.mode === "DISTRIBUTED", where: `The ${fields.map.processorField} of Map "${path}"` }),
      );
    }
    if (fields?.type === "Parallel") {
      (raw.Branches as unknown[]).forEach((branch, index) => {
        const where = `Branch ${index + 1} of Parallel "${path}"`;
        if (!isObject(branch)) {
          this.problems.push({ code: "state-invalid", path, field: `Branches[${index}]`, message: `${where} is not an object.` });
          return;
        }
        state.scopes.push(this.readScope(branch, { ...inner, branchIndex: index, inChild: ctx.inChild, where }));
      });
    }
    return state;
  }

  private resolve(state: ReadState, states: Json): void {
    const { raw, fields } = state;
    if (fields === null) return;
    const add = (kind: ReadTransition["kind"], field: string, name: unknown, rule: unknown) => {
      const target = typeof name === "string" ? name : null;
      const resolved = target !== null && target in states;
      state.transitions.push({ kind, field, target, resolved, rule });
      if (!resolved) {
        const shown = target !== null ? `"${target}"` : "(missing)";
        this.problems.push({ code: "transition-target-missing", path: state.path, field, message: `State "${state.path}": ${field} ${shown} is not a state in its scope.` });
      }
    };
    if (typeof raw.Next === "string") add("next", "Next", raw.Next, null);
    if (fields.type === "Choice" && Array.isArray(raw.Choices)) {
      raw.Choices.forEach((rule, i) => add("choice", `Choices[${i}].Next`, isObject(rule) ? rule.Next : undefined, rule));
      if (raw.Default !== undefined) add("default", "Default", raw.Default, null);
    }
    (Array.isArray(raw.Catch) ? raw.Catch : []).filter(isObject).forEach((c, i) => add("catch", `Catch[${i}].Next`, c.Next, c));
  }

  private markReachable(scope: ReadScope): void {
    const byName = new Map(scope.states.map((s) => [s.name, s]));
    const start = scope.startAt !== null ? byName.get(scope.startAt) : undefined;
    // Without a usable StartAt every state would be "unreachable": that problem is already reported.
    if (start === undefined) return;
    start.reachable = true;
    const queue = [start];
    while (queue.length > 0) {
      const state = queue.shift()!;
      for (const t of state.transitions) {
        const next = t.resolved ? byName.get(t.target!) : undefined;
        if (next && !next.reachable) {
          next.reachable = true;
          queue.push(next);
        }
      }
    }
    for (const state of scope.states) {
      // An unreadable state is already an error; "unreachable" on top of it would say the same thing twice.
      if (!state.reachable && state.fields !== null) {
        this.problems.push({ code: "state-unreachable", path: state.path, field: null, message: `State "${state.path}" is never reached from StartAt "${start.name}" of its scope: AWS rejects unreachable states.` });
      }
    }
  }
}

/**
 * The one reader of ASL in lib/analysis: text or object (definition, DescribeStateMachine output, fixture)
 * in, every state with its fields, transitions and reachability out, plus every structural problem.
 * Throws DefinitionError only when the input is not a definition at all (not JSON, no States).
 */
export function readAslDefinition(definition: string | object): ReadDefinition {
  const parsed = typeof definition === "string" ? parseJsonText(definition) : definition;
  const root = unwrapDefinition(parsed);
  // The text as AWS stores it when that is what we were given; otherwise its re-serialised size.
  const bytes = typeof definition === "string" && parsed === root ? utf8ByteLength(definition) : utf8ByteLength(JSON.stringify(root) ?? "");
  const reader = new Reader();
  const queryLanguage = language(root.QueryLanguage, "JSONPath");
  const scope = reader.readScope(root, { ownerPath: null, branchIndex: null, depth: 0, inChild: false, language: queryLanguage, where: "The definition" });
  return {
    root,
    bytes,
    queryLanguage,
    comment: typeof root.Comment === "string" ? root.Comment : null,
    timeoutSeconds: typeof root.TimeoutSeconds === "number" ? root.TimeoutSeconds : null,
    scope,
    states: reader.states,
    problems: reader.problems,
  };
}
