"use client";
import type { CSSProperties } from "react";
import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from "@xyflow/react";
import type { RouteFlowEdge } from "./to-flow-elements";
import styles from "./state-graph.module.css";

const STROKE: Record<string, CSSProperties> = {
  next: { stroke: "var(--muted, #5f6b7a)", strokeWidth: 1.5 },
  choice: { stroke: "var(--accent, #0a64c2)", strokeWidth: 1.5 },
  default: { stroke: "var(--accent, #0a64c2)", strokeWidth: 1.5, strokeDasharray: "2 3" },
  catch: { stroke: "var(--timed-out, #b25e00)", strokeWidth: 1.5, strokeDasharray: "6 4" },
};

/** Draws the route ELK computed (orthogonal, around nodes) instead of React Flow's own curve. */
export function RouteEdge({ id, data, markerEnd }: EdgeProps<RouteFlowEdge>) {
  const points = data?.route.points ?? [];
  if (!data || points.length < 2) return null;
  const path = points.map((p, i) => `${i === 0 ? "M" : "L"}${p.x},${p.y}`).join(" ");
  const box = data.route.label;
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={STROKE[data.kind]} />
      {data.label && box ? (
        <EdgeLabelRenderer>
          <div
            className={[styles.edgeLabel, data.kind === "catch" ? styles.edgeLabelCatch : ""].join(" ")}
            style={{ transform: `translate(${box.x}px, ${box.y}px)` }}
            title={data.title ?? undefined}
            data-edge-kind={data.kind}
          >
            {data.label}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
}
