"use client";
import "@xyflow/react/dist/style.css";
import { Background, Controls, MarkerType, MiniMap, ReactFlow } from "@xyflow/react";
import { useCallback, useEffect, useId, useMemo, useState } from "react";
import { buildStateGraph, statesByPath } from "@/lib/analysis/graph/build-state-graph";
import { isDefinitionError } from "@/lib/analysis/graph/definition-error";
import type { GraphOverlay } from "@/lib/analysis/graph/overlay";
import type { StateGraphModel } from "@/lib/analysis/graph/state-graph-model";
import type { GraphFinding, StateAggregateFigures } from "./badges";
import { pickFocusNodeIds, FIT_ALL_MAX_STATES } from "./focus";
import { GraphActionsContext } from "./graph-actions";
import { GraphLegend } from "./graph-legend";
import { RouteEdge } from "./route-edge";
import { StateDetails } from "./state-details";
import { BranchNode, StateNode } from "./state-node";
import { toFlowElements } from "./to-flow-elements";
import { useGraphLayout } from "./use-graph-layout";
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
const edgeTypes = { route: RouteEdge };
const MARKER = { type: MarkerType.ArrowClosed, width: 16, height: 16 };

/** The definition as a graph, with one execution or recent aggregates painted on it; click or Enter on a state for details. */
export function StateGraph({ definition, model: given = null, overlay = null, execution = null, findings = [], aggregates }: StateGraphProps) {
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
  const { layout, error: layoutError } = useGraphLayout(definition, model);
  const flow = useMemo(
    () => (model && layout ? toFlowElements(model, layout, { overlay, findings, aggregates }) : null),
    [model, layout, overlay, findings, aggregates],
  );
  const edges = useMemo(() => flow?.edges.map((e) => ({ ...e, markerEnd: { ...MARKER, color: e.data?.kind === "catch" ? "#b25e00" : "#5f6b7a" } })), [flow]);
  const focus = useMemo(() => (model ? pickFocusNodeIds(model, overlay).map((id) => ({ id })) : []), [model, overlay]);
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

  if (built.error !== null || layoutError !== null) {
    return (
      <div role="alert" className={styles.alert} data-testid="graph-error">
        <strong>This definition can&apos;t be drawn.</strong> {built.error ?? `Layout failed: ${layoutError}`}
      </div>
    );
  }
  const opened = model && openPath ? statesByPath(model).get(openPath) : undefined;
  const height = layout && layout.height < 560 ? Math.max(240, layout.height + 48) : "75vh";
  return (
    <GraphActionsContext.Provider value={actions}>
      {overlay?.executionFailure ? (
        <p className={styles.banner} data-testid="execution-level-failure">
          {overlay.executionFailure.kind === "execution-timeout" ? "⏱ The execution itself timed out" : "✕ The execution failed"} — no state raised{" "}
          <code>{overlay.executionFailure.error ?? "the error"}</code>.
        </p>
      ) : null}
      {overlay && overlay.unmatchedPaths.length > 0 ? (
        <p className={styles.banner}>The execution ran states this definition no longer has: {overlay.unmatchedPaths.join(", ")}.</p>
      ) : null}
      <div className={styles.frame}>
        <div className={styles.canvas} style={{ height }} data-testid="state-graph" aria-label={`State graph, ${model?.states.length ?? 0} states`} role="group">
          {flow && edges ? (
            <ReactFlow
              nodes={flow.nodes}
              edges={edges}
              nodeTypes={nodeTypes}
              edgeTypes={edgeTypes}
              fitView
              fitViewOptions={{ nodes: focus, maxZoom: 1, padding: 0.15 }}
              minZoom={0.02}
              maxZoom={2}
              nodesDraggable={false}
              nodesConnectable={false}
              elementsSelectable={false}
              nodesFocusable={false}
              edgesFocusable={false}
              zoomOnScroll={false}
              panOnScroll
            >
              <Background gap={24} size={1} />
              <Controls showInteractive={false} />
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
