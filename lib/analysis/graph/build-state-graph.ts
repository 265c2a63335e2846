import { describeChoiceRule, shortenLabel } from "./choice-label";
import { toDefinitionError } from "./definition-error";
import { readAslDefinition, type ReadDefinition, type ReadScope, type ReadState } from "./read-definition";
import type { CatchPolicy, EdgeKind, GraphState, StateGraphModel } from "./state-graph-model";

interface Placement {
  parentId: string | null;
}

class Builder {
  readonly model: StateGraphModel;
  private readonly usedIds = new Set<string>();

  constructor(read: ReadDefinition) {
    this.model = {
      queryLanguage: read.queryLanguage,
      comment: read.comment,
      startId: "",
      timeoutSeconds: read.timeoutSeconds,
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

  /** Adds every readable state of one scope, then its transitions; returns the id of its StartAt state. */
  addScope(scope: ReadScope, placement: Placement): string {
    const ids = new Map<string, string>();
    const added: { state: GraphState; read: ReadState }[] = [];
    for (const read of scope.states) {
      const fields = read.fields;
      if (fields === null) continue;
      const id = this.claimId("s:", read.path);
      ids.set(read.name, id);
      const state: GraphState = {
        id,
        path: read.path,
        name: read.name,
        ...fields,
        parentId: placement.parentId,
        ownerPath: read.ownerPath,
        depth: read.depth,
        queryLanguage: read.queryLanguage,
        isStart: read.isStart,
        isEnd: read.raw.End === true || fields.type === "Succeed" || fields.type === "Fail",
        catch: [],
        inChildExecution: read.inChildExecution,
      };
      this.model.states.push(state);
      added.push({ state, read });
      this.addChildren(state, read);
    }
    for (const { state, read } of added) this.addTransitions(state, read, ids);
    return (scope.startAt !== null ? ids.get(scope.startAt) : undefined) ?? "";
  }

  private addChildren(state: GraphState, read: ReadState): void {
    for (const scope of read.scopes) {
      if (scope.branchIndex === null) {
        this.addScope(scope, { parentId: state.id });
        continue;
      }
      const index = scope.branchIndex;
      const id = this.claimId("b:", `${state.path}#${index + 1}`);
      this.model.containers.push({ id, kind: "branch", index, label: `Branch ${index + 1}`, parentId: state.id, ownerPath: state.path });
      this.addScope(scope, { parentId: id });
    }
  }

  private addTransitions(state: GraphState, read: ReadState, ids: Map<string, string>): void {
    const catches: CatchPolicy[] = [];
    for (const t of read.transitions) {
      const targetId = t.resolved ? ids.get(t.target!) : undefined;
      // An unresolved target is a structural problem (reported by the reader); a lenient model just omits it.
      if (targetId === undefined) continue;
      if (t.kind === "next") this.addEdge(state.id, targetId, "next", null);
      else if (t.kind === "choice") this.addEdge(state.id, targetId, "choice", `#${Number(/\d+/.exec(t.field)![0]) + 1} ${describeChoiceRule(t.rule)}`);
      else if (t.kind === "default") this.addEdge(state.id, targetId, "default", "Default");
      else {
        const catcher = read.catchers.find((c) => `Catch[${c.index}].Next` === t.field)!;
        this.addEdge(state.id, targetId, "catch", `catch: ${catcher.errorEquals.join(", ")}`);
        catches.push({ index: catcher.index, errorEquals: catcher.errorEquals, next: t.target!, nextId: targetId });
      }
    }
    state.catch = catches;
  }
}

/**
 * The graph model of what was read, leaving out what can't be drawn (unreadable states, transitions to
 * no state): findings run on it even when the definition has structural problems.
 */
export function buildStateGraphFromReading(read: ReadDefinition): StateGraphModel {
  const builder = new Builder(read);
  builder.model.startId = builder.addScope(read.scope, { parentId: null });
  return builder.model;
}

/**
 * Turns an ASL definition (JSON text, object, DescribeStateMachine output) into the graph model.
 * Throws DefinitionError for what AWS would reject at deploy and what can't be drawn (an unreachable
 * state can be drawn: it is left to the findings).
 */
export function buildStateGraph(definition: string | object): StateGraphModel {
  const read = readAslDefinition(definition);
  const blocking = read.problems.find((p) => p.code !== "state-unreachable");
  if (blocking) throw toDefinitionError(blocking);
  return buildStateGraphFromReading(read);
}

/** States by path (first one wins when two branches reuse a name). */
export function statesByPath(model: StateGraphModel): Map<string, GraphState> {
  const byPath = new Map<string, GraphState>();
  for (const state of model.states) if (!byPath.has(state.path)) byPath.set(state.path, state);
  return byPath;
}
