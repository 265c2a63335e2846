"use client";
import "@xyflow/react/dist/style.css";
import { Background, Controls, MarkerType, MiniMap, ReactFlow, ReactFlowProvider, useReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useId, useMemo, useState } from "react";
import { buildStateGraph, statesByPath } from "@/lib/analysis/graph/build-state-graph";
import { isDefinitionError } from "@/lib/analysis/graph/definition-error";
import { countMapIterations } from "@/lib/analysis/graph/iteration-overlay";
import type { GraphOverlay } from "@/lib/analysis/graph/overlay";
import type { StateGraphModel } from "@/lib/analysis/graph/state-graph-model";
import type { GraphFinding, StateAggregateFigures } from "./badges";
import { FIT_ALL_MAX_STATES } from "./focus";
import { GraphActionsContext } from "./graph-actions";
import { GraphLegend } from "./graph-legend";
import { GraphToolbar, type IterationPick } from "./graph-toolbar";
import { OpeningView } from "./opening-view";
import { RouteEdge } from "./route-edge";
import { StateDetails } from "./state-details";
import { BranchNode, StateNode } from "./state-node";
import { sizeNodes, toFlowElements } from "./to-flow-elements";
import { useGraphLayout } from "./use-graph-layout";
import { useIterationOverlay } from "./use-iteration-overlay";
import { absoluteBox, canvasHeight, OPENING_ZOOM, pickOpeningStateId } from "./viewport";
import styles from "./state-graph.module.css";

/** Props of the state graph. Keys of `aggregates` are state paths. */
export interface StateGraphProps {
  /** The definition's text: the layout cache's key, and what the model is built from when none is given. */
  definition: string;
  /** The graph model the server built (the execution page); without it the browser builds one from `definition`. */
  model?: StateGraphModel | null;
  /** One execution painted on the model, built on the server with the report. */
  overlay?: GraphOverlay | null;
  /** With an execution: lets the details panel load a state's input and output, per visit, on demand. */
  execution?: { arn: string; payloadsHidden: boolean } | null;
  findings?: readonly GraphFinding[];
  aggregates?: Readonly<Record<string, StateAggregateFigures>>;
}

const nodeTypes = { state: StateNode, branch: BranchNode };
const edgeTypes = { route: RouteEdge };
const MARKER = { type: MarkerType.ArrowClosed, width: 16, height: 16 };
const ARIA_LABELS = { "controls.ariaLabel": "Zoom controls", "controls.zoomIn.ariaLabel": "Zoom in", "controls.zoomOut.ariaLabel": "Zoom out" };
const FIT_PADDING = 0.08;

// Each refresh of the triage JSON brings an equal model as a new object; keep the first per definition so the
// layout (keyed by model identity) is not redone and the graph does not flash "laying out" on every poll.
const models = new Map<string, StateGraphModel>();
function stableModel(definition: string, model: StateGraphModel): StateGraphModel {
  const known = models.get(definition);
  if (known) return known;
  models.set(definition, model);
  if (models.size > 8) models.delete(models.keys().next().value as string);
  return model;
}

/** Ids of the nodes inside a branch other than `focused` of the same Parallel: drawn dimmed. */
function dimmedIds(model: StateGraphModel, focused: string | null): Set<string> {
  const branch = model.containers.find((c) => c.id === focused);
  if (!branch) return new Set();
  const parents = new Map<string, string | null>([...model.states.map((s) => [s.id, s.parentId] as const), ...model.containers.map((c) => [c.id, c.parentId] as const)]);
  const others = new Set(model.containers.filter((c) => c.parentId === branch.parentId && c.id !== branch.id).map((c) => c.id));
  const dimmed = new Set<string>();
  for (const id of parents.keys()) for (let p: string | null = id; p !== null; p = parents.get(p) ?? null) if (others.has(p)) dimmed.add(id);
  return dimmed;
}

/** The definition as a graph, with one execution or recent aggregates painted on it; click or Enter on a state for details. */
export function StateGraph(props: StateGraphProps) {
  return (
    <ReactFlowProvider>
      <Graph {...props} />
    </ReactFlowProvider>
  );
}

function Graph({ definition, model: given = null, overlay: executionOverlay = null, execution = null, findings = [], aggregates }: StateGraphProps) {
  const built = useMemo(() => {
    if (given) return { model: stableModel(definition, given), error: null };
    try {
      return { model: buildStateGraph(definition), error: null };
    } catch (error) {
      if (!isDefinitionError(error)) throw error;
      return { model: null, error: error.message };
    }
  }, [definition, given]);
  const { model } = built;
  const [pick, setPick] = useState<IterationPick>(null);
  const [focusedBranch, setFocusedBranch] = useState<string | null>(null);
  const { overlay, status: iterationStatus } = useIterationOverlay(model, executionOverlay, execution?.arn ?? null, pick);
  // Sizes follow the execution's badges, not an iteration's: picking one repaints, it does not lay out again.
  const sizes = useMemo(() => (model ? sizeNodes(model, { overlay: executionOverlay, findings, aggregates }) : {}), [model, executionOverlay, findings, aggregates]);
  const { layout, error: layoutError, key: layoutKey } = useGraphLayout(definition, model, sizes);
  const flow = useMemo(() => (model && layout ? toFlowElements(model, layout, { overlay, findings, aggregates }) : null), [model, layout, overlay, findings, aggregates]);
  const dimmed = useMemo(() => (model ? dimmedIds(model, focusedBranch) : new Set<string>()), [model, focusedBranch]);
  const nodes = useMemo(() => flow?.nodes.map((n) => (dimmed.has(n.id) ? { ...n, className: styles.dimmed } : n)), [flow, dimmed]);
  const edges = useMemo(
    () => flow?.edges.map((e) => ({ ...e, markerEnd: { ...MARKER, color: e.data?.kind === "catch" ? "#b25e00" : "#5f6b7a" }, ...(dimmed.has(e.source) ? { className: styles.dimmed } : {}) })),
    [flow, dimmed],
  );
  const opening = useMemo(() => (model ? pickOpeningStateId(model, executionOverlay) : null), [model, executionOverlay]);
  const focusBox = useMemo(() => (model && layout && opening ? absoluteBox(model, layout, opening.id) : null), [model, layout, opening]);
  const branches = useMemo(() => (model ? model.containers.map((container) => ({ container, parallel: model.states.find((s) => s.id === container.parentId)! })) : []), [model]);
  const maps = useMemo(() => (model && execution ? model.states.filter((s) => s.type === "Map" && !s.inChildExecution).map((state) => ({ state, iterations: countMapIterations(executionOverlay, state.path) })).filter((m) => m.iterations > 0) : []), [model, execution, executionOverlay]);
  const [openPath, setOpenPath] = useState<string | null>(null);
  const panelId = `${useId()}-details`;
  const close = useCallback(() => {
    const path = openPath;
    setOpenPath(null);
    if (path) document.querySelector<HTMLElement>(`[data-testid="state-node-${CSS.escape(path)}"]`)?.focus();
  }, [openPath]);
  useEffect(() => {
    if (openPath) document.getElementById(`${panelId}-title`)?.focus();
  }, [openPath, panelId]);
  const actions = useMemo(() => ({ open: setOpenPath, openPath, panelId }), [openPath, panelId]);
  // Not React Flow's fitView: it waits until every node is measured, and with onlyRenderVisibleElements the
  // nodes off screen never are. The layout knows the graph's bounds.
  const { fitBounds, setCenter } = useReactFlow();
  const fitAll = useCallback(() => {
    if (layout) void fitBounds({ x: 0, y: 0, width: layout.width, height: layout.height }, { padding: FIT_PADDING });
  }, [layout, fitBounds]);
  const focusBranch = useCallback(
    (id: string | null) => {
      setFocusedBranch(id);
      const box = id && model && layout ? absoluteBox(model, layout, id) : null;
      if (box) void setCenter(box.x + box.width / 2, box.y + box.height / 2, { zoom: OPENING_ZOOM });
    },
    [model, layout, setCenter],
  );

  if (built.error !== null || layoutError !== null) {
    return (
      <div role="alert" className={styles.alert} data-testid="graph-error">
        <strong>This definition can&apos;t be drawn.</strong> {built.error ?? `Layout failed: ${layoutError}`}
      </div>
    );
  }
  const opened = model && openPath ? statesByPath(model).get(openPath) : undefined;
  return (
    <GraphActionsContext.Provider value={actions}>
      {overlay?.executionFailure ? (
        <p className={styles.banner} data-testid="execution-level-failure">
          {overlay.executionFailure.kind === "execution-timeout" ? "◷ The execution itself timed out" : "✕ The execution failed"} — no state raised{" "}
          <code>{overlay.executionFailure.error ?? "the error"}</code>.
        </p>
      ) : null}
      {overlay && overlay.unmatchedPaths.length > 0 ? (
        <p className={styles.banner}>The execution ran states this definition no longer has: {overlay.unmatchedPaths.join(", ")}.</p>
      ) : null}
      <GraphToolbar onFit={fitAll} branches={branches} focusedBranch={focusedBranch} onFocusBranch={focusBranch} maps={maps} iteration={pick} onPickIteration={setPick} iterationStatus={iterationStatus} />
      <div className={styles.frame}>
        <div className={styles.canvas} style={{ height: canvasHeight(layout) }} data-testid="state-graph" aria-label={`State graph, ${model?.states.length ?? 0} states`} role="group">
          {nodes && edges && layout ? (
            <ReactFlow
              nodes={nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              minZoom={0.02}
              maxZoom={2}
              nodesDraggable={false}
              nodesConnectable={false}
              elementsSelectable={false}
              nodesFocusable={false}
              edgesFocusable={false}
              zoomOnScroll={false}
              panOnScroll
              // 300 states: only what is on screen is in the DOM, so panning stays smooth. A small graph keeps
              // every node in the DOM (find-in-page, tests and screen readers reach states off screen).
              onlyRenderVisibleElements={(model?.states.length ?? 0) > FIT_ALL_MAX_STATES}
              colorMode="system"
              ariaLabelConfig={ARIA_LABELS}
            >
              <OpeningView layoutKey={layoutKey} size={layout} focus={focusBox} trouble={opening?.trouble ?? false} />
              <Background gap={24} size={1} />
              <Controls showInteractive={false} showFitView={false} className={styles.controls} />
              {model && model.states.length > FIT_ALL_MAX_STATES ? <MiniMap pannable zoomable ariaLabel="Minimap of the state graph" /> : null}
            </ReactFlow>
          ) : (
            <p role="status" className={styles.status}>Laying out {model?.states.length ?? 0} states…</p>
          )}
        </div>
        {opened ? (
          <StateDetails
            id={panelId}
            state={opened}
            overlay={overlay?.byPath[opened.path] ?? null}
            aggregate={aggregates?.[opened.path] ?? null}
            findings={findings.filter((f) => f.path === opened.path)}
            execution={execution}
            executionTimeoutSeconds={model?.timeoutSeconds ?? null}
            onClose={close}
          />
        ) : null}
      </div>
      <GraphLegend execution={overlay !== null} />
    </GraphActionsContext.Provider>
  );
}
