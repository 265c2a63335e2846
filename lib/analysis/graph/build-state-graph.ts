import { describeChoiceRule, shortenLabel } from "./choice-label";
import { DefinitionError } from "./definition-error";
import { readDefinition } from "./read-definition";
import { readStateFields } from "./read-state";
import type { CatchPolicy, EdgeKind, GraphState, StateGraphModel } from "./state-graph-model";

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((s): s is string => typeof s === "string") : []);

interface Scope {
  /** The object holding StartAt and States (the root, a branch, a Map processor). */
  body: Json;
  parentId: string | null;
  ownerPath: string | null;
  depth: number;
  inChildExecution: boolean;
  where: string;
}

class Builder {
  readonly model: StateGraphModel;
  private readonly usedIds = new Set<string>();
  private readonly rootLanguage: "JSONPath" | "JSONata";

  constructor(root: Json) {
    this.rootLanguage = root.QueryLanguage === "JSONata" ? "JSONata" : "JSONPath";
    this.model = {
      queryLanguage: this.rootLanguage,
      comment: typeof root.Comment === "string" ? root.Comment : null,
      startId: "",
      timeoutSeconds: typeof root.TimeoutSeconds === "number" ? root.TimeoutSeconds : null,
      states: [],
      containers: [],
      edges: [],
    };
  }

  /** Ids are paths, made unique: names need only be unique within one branch or processor. */
  private claimId(prefix: string, path: string): string {
    let id = `${prefix}${path}`;
    for (let n = 2; this.usedIds.has(id); n += 1) id = `${prefix}${path}~${n}`;
    this.usedIds.add(id);
    return id;
  }

  private addEdge(source: string, target: string, kind: EdgeKind, text: string | null): void {
    const label = text === null ? null : shortenLabel(text);
    const id = `e:${source}->${target}:${kind}:${this.model.edges.length}`;
    this.model.edges.push({ id, source, target, kind, label, title: text !== null && label !== text ? text : null });
  }

  /** Adds every state of one scope, then its transitions; returns the id of its StartAt state. */
  addScope(scope: Scope): string {
    const { body } = scope;
    if (!isObject(body.States) || Object.keys(body.States).length === 0) {
      throw new DefinitionError("not-asl", `${scope.where} has no States.`, scope.ownerPath);
    }
    const states = body.States;
    if (typeof body.StartAt !== "string" || !(body.StartAt in states)) {
      const shown = typeof body.StartAt === "string" ? `"${body.StartAt}" is not one of its States` : "is missing";
      throw new DefinitionError("missing-target", `${scope.where}: StartAt ${shown}.`, scope.ownerPath);
    }
    const ids = new Map<string, string>();
    const added: { state: GraphState; raw: Json }[] = [];
    for (const [name, raw] of Object.entries(states)) {
      const path = scope.ownerPath === null ? name : `${scope.ownerPath}/${name}`;
      const fields = readStateFields(raw, path);
      const id = this.claimId("s:", path);
      ids.set(name, id);
      const state: GraphState = {
        id,
        path,
        name,
        ...fields,
        parentId: scope.parentId,
        ownerPath: scope.ownerPath,
        depth: scope.depth,
        queryLanguage: (raw as Json).QueryLanguage === "JSONata" ? "JSONata" : (raw as Json).QueryLanguage === "JSONPath" ? "JSONPath" : this.rootLanguage,
        isStart: name === body.StartAt,
        isEnd: (raw as Json).End === true || fields.type === "Succeed" || fields.type === "Fail",
        catch: [],
        inChildExecution: scope.inChildExecution,
      };
      this.model.states.push(state);
      added.push({ state, raw: raw as Json });
      this.addChildren(state, raw as Json, scope);
    }
    for (const { state, raw } of added) this.addTransitions(state, raw, ids);
    return ids.get(body.StartAt) as string;
  }

  private addChildren(state: GraphState, raw: Json, scope: Scope): void {
    const inner = { ownerPath: state.path, depth: scope.depth + 1 };
    if (state.map) {
      const distributed = state.map.mode === "DISTRIBUTED";
      this.addScope({
        ...inner,
        body: raw[state.map.processorField] as Json,
        parentId: state.id,
        inChildExecution: scope.inChildExecution || distributed,
        where: `The ${state.map.processorField} of Map "${state.path}"`,
      });
    }
    if (state.type === "Parallel") {
      (raw.Branches as unknown[]).forEach((branch, index) => {
        const where = `Branch ${index + 1} of Parallel "${state.path}"`;
        if (!isObject(branch)) throw new DefinitionError("bad-state", `${where} is not an object.`, state.path);
        const id = this.claimId("b:", `${state.path}#${index + 1}`);
        this.model.containers.push({ id, kind: "branch", index, label: `Branch ${index + 1}`, parentId: state.id, ownerPath: state.path });
        this.addScope({ ...inner, body: branch, parentId: id, inChildExecution: scope.inChildExecution, where });
      });
    }
  }

  private addTransitions(state: GraphState, raw: Json, ids: Map<string, string>): void {
    const target = (name: unknown, field: string): string => {
      const id = typeof name === "string" ? ids.get(name) : undefined;
      if (id === undefined) {
        const shown = typeof name === "string" ? `"${name}"` : "(missing)";
        throw new DefinitionError("missing-target", `State "${state.path}": ${field} ${shown} is not a state in its scope.`, state.path);
      }
      return id;
    };
    if (typeof raw.Next === "string") this.addEdge(state.id, target(raw.Next, "Next"), "next", null);
    if (state.type === "Choice") {
      (raw.Choices as unknown[]).forEach((rule, i) => {
        const next = isObject(rule) ? rule.Next : undefined;
        this.addEdge(state.id, target(next, `Choices[${i}].Next`), "choice", `#${i + 1} ${describeChoiceRule(rule)}`);
      });
      if (raw.Default !== undefined) this.addEdge(state.id, target(raw.Default, "Default"), "default", "Default");
    }
    const catchers = Array.isArray(raw.Catch) ? raw.Catch.filter(isObject) : [];
    state.catch = catchers.map((c, index): CatchPolicy => {
      const nextId = target(c.Next, `Catch[${index}].Next`);
      const errorEquals = strings(c.ErrorEquals);
      this.addEdge(state.id, nextId, "catch", `catch: ${errorEquals.join(", ")}`);
      return { index, errorEquals, next: c.Next as string, nextId };
    });
  }
}

/**
 * Turns an ASL definition (JSON text, object, DescribeStateMachine output) into the graph model.
 * Throws DefinitionError for what AWS would reject at deploy and what can't be drawn.
 */
export function buildStateGraph(definition: string | object): StateGraphModel {
  const root = readDefinition(definition);
  const builder = new Builder(root);
  builder.model.startId = builder.addScope({
    body: root,
    parentId: null,
    ownerPath: null,
    depth: 0,
    inChildExecution: false,
    where: "The definition",
  });
  return builder.model;
}

/** States by path (first one wins when two branches reuse a name). */
export function statesByPath(model: StateGraphModel): Map<string, GraphState> {
  const byPath = new Map<string, GraphState>();
  for (const state of model.states) if (!byPath.has(state.path)) byPath.set(state.path, state);
  return byPath;
}
