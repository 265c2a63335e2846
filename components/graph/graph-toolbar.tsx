"use client";
import { useId } from "react";
import type { GraphContainer, GraphState } from "@/lib/analysis/graph/state-graph-model";
import { formatCount } from "@/lib/analysis/format";
import styles from "./state-graph.module.css";

/** A Map state the execution iterated, and how many iterations it started. */
export interface IteratedMap {
  state: GraphState;
  iterations: number;
}

/** Which Map iteration the graph shows: null for the whole execution. */
export type IterationPick = { mapPath: string; iteration: number } | null;

interface Props {
  /** Shows the whole graph. */
  onFit(): void;
  branches: readonly { container: GraphContainer; parallel: GraphState }[];
  focusedBranch: string | null;
  onFocusBranch(id: string | null): void;
  maps: readonly IteratedMap[];
  iteration: IterationPick;
  onPickIteration(pick: IterationPick): void;
  /** "Loading iteration 3…", or why it could not. */
  iterationStatus: string | null;
}

// A select of thousands of options is no help; past this many, the first ones are listed and the rest said.
const MAX_ITERATION_OPTIONS = 500;

/** Fit-to-view, Parallel branch focus and the Map iteration picker: one row above the canvas. */
export function GraphToolbar({ onFit, branches, focusedBranch, onFocusBranch, maps, iteration, onPickIteration, iterationStatus }: Props) {
  const id = useId();
  const pickValue = iteration ? `${iteration.mapPath}\u0000${iteration.iteration}` : "";
  return (
    <div className={styles.toolbar} role="toolbar" aria-label="Graph view">
      <button type="button" onClick={onFit} data-testid="graph-fit">
        Fit whole graph
      </button>
      {branches.length > 0 ? (
        <label htmlFor={`${id}-branch`}>
          Focus branch{" "}
          <select
            id={`${id}-branch`}
            value={focusedBranch ?? ""}
            onChange={(e) => {
              onFocusBranch(e.target.value || null);
            }}
          >
            <option value="">All branches</option>
            {branches.map(({ container, parallel }) => (
              <option key={container.id} value={container.id}>
                {parallel.name} · {container.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {maps.length > 0 ? (
        <label htmlFor={`${id}-iteration`}>
          Map iteration{" "}
          <select
            id={`${id}-iteration`}
            value={pickValue}
            onChange={(e) => {
              const [mapPath, index] = e.target.value.split("\u0000");
              onPickIteration(mapPath && index !== undefined ? { mapPath, iteration: Number(index) } : null);
            }}
          >
            <option value="">All iterations (the whole execution)</option>
            {maps.map(({ state, iterations }) => (
              <optgroup key={state.path} label={`${state.name}: ${formatCount(iterations)} iteration${iterations === 1 ? "" : "s"}`}>
                {Array.from({ length: Math.min(iterations, MAX_ITERATION_OPTIONS) }, (_, i) => (
                  <option key={i} value={`${state.path}\u0000${i}`}>
                    {state.name} · iteration {i}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
      ) : null}
      {iterationStatus ? <span role="status" className={styles.toolbarStatus}>{iterationStatus}</span> : null}
    </div>
  );
}
