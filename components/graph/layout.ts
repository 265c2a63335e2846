import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkExtendedEdge, ElkNode, ELK as ElkApi } from "elkjs/lib/elk-api";
import type { StateGraphModel } from "@/lib/analysis/graph/state-graph-model";
import { NODE_SIZE, type NodeSize } from "./node-size";

export { NODE_SIZE } from "./node-size";
/** Room above a Map/Parallel's children for its own header (name, type, outcome). */
export const COMPOUND_HEADER = 112;
/** Room above a Parallel branch's states for its label. */
export const BRANCH_HEADER = 28;
const PAD = 16;
const LABEL_CHAR_WIDTH = 6.4;
const LABEL_HEIGHT = 18;

/** A node's box, relative to its parent (React Flow's convention for child nodes). */
export interface NodeBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** An edge's route and label box, in absolute coordinates. */
export interface EdgeRoute {
  points: { x: number; y: number }[];
  label: { x: number; y: number; width: number; height: number } | null;
}

/** Where everything goes. Keys are the model's node and edge ids. */
export interface GraphLayout {
  nodes: Record<string, NodeBox>;
  edges: Record<string, EdgeRoute>;
  width: number;
  height: number;
}

const ROOT_OPTIONS: Record<string, string> = {
  "elk.algorithm": "layered",
  "elk.direction": "DOWN",
  "elk.edgeRouting": "ORTHOGONAL",
  "elk.layered.spacing.nodeNodeBetweenLayers": "44",
  "elk.spacing.nodeNode": "28",
  "elk.spacing.edgeNode": "16",
  "elk.spacing.edgeLabel": "4",
  "elk.layered.spacing.edgeNodeBetweenLayers": "16",
  "elk.edgeLabels.placement": "CENTER",
  "elk.layered.crossingMinimization.forceNodeModelOrder": "false",
  "elk.layered.considerModelOrder.strategy": "NODES_AND_EDGES",
  "elk.json.edgeCoords": "ROOT",
  "elk.randomSeed": "1",
};

// ELK options don't inherit: every compound node carries the algorithm and direction too.
const containerOptions = (top: number) => ({ ...ROOT_OPTIONS, "elk.padding": `[top=${top},left=${PAD},bottom=${PAD},right=${PAD}]` });

/**
 * The ELK graph for a model: a compound node per Map and Parallel, one per Parallel branch. Pure and deterministic.
 * `sizes` (by node id, from estimateNodeSize) sets each leaf's box and each Map/Parallel's header; else NODE_SIZE.
 */
export function toElkGraph(model: StateGraphModel, sizes: Readonly<Record<string, NodeSize>> = {}): ElkNode {
  const root: ElkNode = { id: "root", layoutOptions: { ...ROOT_OPTIONS }, children: [], edges: [] };
  const nodes = new Map<string, ElkNode>([["root", root]]);
  const containers = new Map(model.containers.map((c) => [c.id, c]));
  const ensure = (id: string | null): ElkNode => {
    const key = id ?? "root";
    const found = nodes.get(key);
    if (found) return found;
    const container = containers.get(key);
    if (!container) throw new Error(`Unknown container ${key}`);
    const node: ElkNode = { id: key, layoutOptions: containerOptions(BRANCH_HEADER), children: [], edges: [] };
    nodes.set(key, node);
    ensure(container.parentId).children?.push(node);
    return node;
  };
  for (const state of model.states) {
    const compound = state.type === "Map" || state.type === "Parallel";
    const size = sizes[state.id] ?? NODE_SIZE;
    // A Map/Parallel's header is as tall as its content; its states start below it.
    const header = sizes[state.id] ? size.height + 8 : COMPOUND_HEADER;
    const node: ElkNode = compound
      ? { id: state.id, layoutOptions: { ...containerOptions(header), "elk.nodeSize.minimum": `(${size.width},${size.height})`, "elk.nodeSize.constraints": "MINIMUM_SIZE" }, children: [], edges: [] }
      : { id: state.id, width: size.width, height: size.height };
    nodes.set(state.id, node);
    ensure(state.parentId).children?.push(node);
    // Parallel branches go in branch order, before any later sibling state.
    if (state.type === "Parallel") for (const c of model.containers) if (c.parentId === state.id) ensure(c.id);
  }
  const parentOf = new Map(model.states.map((s) => [s.id, s.parentId]));
  for (const edge of model.edges) {
    const elkEdge: ElkExtendedEdge = { id: edge.id, sources: [edge.source], targets: [edge.target] };
    if (edge.label) elkEdge.labels = [{ text: edge.label, width: Math.ceil(edge.label.length * LABEL_CHAR_WIDTH) + 8, height: LABEL_HEIGHT }];
    // ASL keeps transitions inside one scope, so the source's parent is the edge's container.
    ensure(parentOf.get(edge.source) ?? null).edges?.push(elkEdge);
  }
  return root;
}

let shared: ElkApi | null = null;

/** Lays the model out with ELK layered, top to bottom. Same model in, same positions out. */
export async function layoutStateGraph(model: StateGraphModel, elk: ElkApi = (shared ??= new ELK()), sizes: Readonly<Record<string, NodeSize>> = {}): Promise<GraphLayout> {
  const laid = await elk.layout(toElkGraph(model, sizes));
  const layout: GraphLayout = { nodes: {}, edges: {}, width: laid.width ?? 0, height: laid.height ?? 0 };
  const visit = (node: ElkNode) => {
    for (const child of node.children ?? []) {
      layout.nodes[child.id] = { x: child.x ?? 0, y: child.y ?? 0, width: child.width ?? 0, height: child.height ?? 0 };
      visit(child);
    }
    for (const edge of node.edges ?? []) {
      const section = edge.sections?.[0];
      const points = section ? [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map(({ x, y }) => ({ x, y })) : [];
      const label = edge.labels?.[0];
      layout.edges[edge.id] = {
        points,
        label: label ? { x: label.x ?? 0, y: label.y ?? 0, width: label.width ?? 0, height: label.height ?? 0 } : null,
      };
    }
  };
  visit(laid);
  return layout;
}
