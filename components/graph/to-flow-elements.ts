import type { Edge, Node } from "@xyflow/react";
import type { GraphOverlay } from "@/lib/analysis/graph/overlay";
import type { EdgeKind, GraphState, StateGraphModel } from "@/lib/analysis/graph/state-graph-model";
import type { StateOutcome } from "@/lib/domain/report";
import { buildBadges, type Badge, type GraphFinding, type StateAggregateFigures } from "./badges";
import { describeKind } from "./describe-kind";
import type { EdgeRoute, GraphLayout } from "./layout";
import { estimateNodeSize, type NodeSize } from "./node-size";

/** What a state node draws. */
export type StateNodeData = {
  state: GraphState;
  outcome: StateOutcome | "none";
  origin: boolean;
  /** Ended the run after a Catch (the Fail state), when the origin is elsewhere. */
  final?: boolean;
  /** "✕ failed (origin)"; null without an execution. */
  outcomeLabel: string | null;
  badges: Badge[];
  compound: boolean;
};
/** What a Parallel branch group draws. */
export type BranchNodeData = { label: string };
/** What an edge draws: ELK's route, not React Flow's own path. */
export type RouteEdgeData = { kind: EdgeKind; label: string | null; title: string | null; route: EdgeRoute };

export type StateFlowNode = Node<StateNodeData, "state">;
export type BranchFlowNode = Node<BranchNodeData, "branch">;
export type FlowNode = StateFlowNode | BranchFlowNode;
export type RouteFlowEdge = Edge<RouteEdgeData, "route">;

/** What to paint on the graph besides its shape. */
export interface FlowInputs {
  overlay?: GraphOverlay | null;
  findings?: readonly GraphFinding[];
  aggregates?: Readonly<Record<string, StateAggregateFigures>>;
}

const MISSING = { x: 0, y: 0, width: 0, height: 0 };

/** What each state's node shows (outcome, badges), by path; the same for sizing and for drawing. */
export function buildNodeData(model: StateGraphModel, inputs: FlowInputs = {}): Map<string, StateNodeData> {
  const findingsByPath = new Map<string, GraphFinding[]>();
  for (const f of inputs.findings ?? []) {
    if (f.path === null) continue;
    findingsByPath.set(f.path, [...(findingsByPath.get(f.path) ?? []), f]);
  }
  const data = new Map<string, StateNodeData>();
  for (const state of model.states) {
    const overlay = inputs.overlay?.byPath[state.path] ?? null;
    data.set(state.path, {
      state,
      outcome: overlay?.outcome ?? "none",
      origin: overlay?.origin ?? false,
      final: overlay?.final ?? false,
      outcomeLabel: overlay?.label ?? null,
      badges: buildBadges(state, overlay, inputs.aggregates?.[state.path] ?? null, findingsByPath.get(state.path) ?? []),
      compound: state.type === "Map" || state.type === "Parallel",
    });
  }
  return data;
}

/** Each state's box (by node id) from what it shows, for the layout: badges never cut off. */
export function sizeNodes(model: StateGraphModel, inputs: FlowInputs = {}): Record<string, NodeSize> {
  const sizes: Record<string, NodeSize> = {};
  for (const [, d] of buildNodeData(model, inputs)) {
    sizes[d.state.id] = estimateNodeSize({ name: d.state.name, kind: describeKind(d.state), outcomeLabel: d.outcomeLabel, badges: d.badges });
  }
  return sizes;
}

/**
 * React Flow nodes and edges from a laid-out model. Parents come before their children (React Flow
 * needs that), positions are relative to the parent, and nothing depends on anything but the inputs.
 */
export function toFlowElements(model: StateGraphModel, layout: GraphLayout, inputs: FlowInputs = {}): { nodes: FlowNode[]; edges: RouteFlowEdge[] } {
  const data = buildNodeData(model, inputs);
  const nodes: FlowNode[] = [];
  const box = (id: string) => layout.nodes[id] ?? MISSING;
  const placed = (id: string, parentId: string | null) => {
    const { x, y, width, height } = box(id);
    return { id, position: { x, y }, width, height, ...(parentId ? { parentId } : {}), draggable: false, selectable: false, connectable: false };
  };
  for (const state of model.states) {
    nodes.push({
      ...placed(state.id, state.parentId),
      type: "state",
      // Screen readers reach states through the buttons inside; the wrapper itself is not a tab stop.
      focusable: false,
      data: data.get(state.path)!,
    });
    for (const container of model.containers) {
      if (container.parentId !== state.id) continue;
      nodes.push({ ...placed(container.id, state.id), type: "branch", focusable: false, data: { label: container.label } });
    }
  }
  const edges: RouteFlowEdge[] = model.edges.map((edge) => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
    type: "route",
    focusable: false,
    selectable: false,
    data: { kind: edge.kind, label: edge.label, title: edge.title, route: layout.edges[edge.id] ?? { points: [], label: null } },
  }));
  return { nodes, edges };
}
