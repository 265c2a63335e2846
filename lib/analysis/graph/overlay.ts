import { PAYLOAD_LIMIT_BYTES } from "../limits";
import type { ExecutionReport, Failure, HandledError, StateOutcome, StateReport } from "@/lib/domain/report";
import type { StateGraphModel } from "./state-graph-model";

/** One execution's outcome on one state, ready to paint. */
export interface StateOverlay {
  path: string;
  outcome: StateOutcome;
  /** The state where the root cause was raised: the caught error's state when a Catch led to the end, else the final error's. */
  origin: boolean;
  /** The state that ended the run when it is not the origin (the Fail state after a Catch): marked on its own. */
  final: boolean;
  /** Icon and words, so colour is never the only signal: "✕ failed (origin)". */
  icon: string;
  label: string;
  state: StateReport | null;
  /** Errors retried or caught at this state before the end. */
  handled: HandledError[];
  /** The larger of max input / max output bytes, and its share of 262,144. */
  maxPayloadBytes: number | null;
  payloadRatio: number | null;
}

/** An execution painted on a definition. */
export interface GraphOverlay {
  byPath: Record<string, StateOverlay>;
  /** The final error when it belongs to no state (an execution-level timeout, an abort). */
  executionFailure: Failure | null;
  /** Paths the report has and the definition lacks (the definition changed since the execution ran). */
  unmatchedPaths: string[];
}

/** How a state's outcome reads on screen, icon and words: the graph's labels and the States table share them. */
export const OUTCOME_TEXT: Record<StateOutcome, { icon: string; text: string }> = {
  "not-reached": { icon: "○", text: "not reached" },
  succeeded: { icon: "✓", text: "succeeded" },
  "retried-succeeded": { icon: "↻", text: "retried, then succeeded" },
  caught: { icon: "⤳", text: "caught" },
  failed: { icon: "✕", text: "failed" },
  "timed-out": { icon: "◷", text: "timed out" },
  running: { icon: "▶", text: "running" },
};

/** Icon and words for an outcome; the origin of the failure, and the state that ended the run after it, say so. */
export function describeOutcome(outcome: StateOutcome, origin: boolean, final = false): { icon: string; label: string } {
  const { icon, text } = OUTCOME_TEXT[outcome];
  return { icon, label: `${icon} ${text}${origin ? " (origin)" : final ? " (ended the run)" : ""}` };
}

function largest(...values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? Math.max(...known) : null;
}

/** Paints a report onto the model: each state's outcome, the failure's origin, payload shares and handled errors. */
export function buildGraphOverlay(model: StateGraphModel, report: ExecutionReport): GraphOverlay {
  const reports = new Map(report.states.map((s) => [s.path, s]));
  // A caught error that led to the end: the ring goes where it was raised, the Fail state gets its own mark.
  const caught = report.failure?.origin ?? null;
  const originPath = caught?.path ?? report.failure?.path ?? null;
  const finalPath = caught ? (report.failure?.path ?? null) : null;
  const byPath: Record<string, StateOverlay> = {};
  for (const { path } of model.states) {
    if (byPath[path]) continue;
    const state = reports.get(path) ?? null;
    const origin = originPath === path;
    const final = finalPath === path;
    let outcome: StateOutcome = state?.outcome ?? "not-reached";
    // The analyser names the origin; if its per-state outcome disagrees, the origin still ended badly.
    if (origin && !caught && outcome !== "failed" && outcome !== "timed-out") {
      outcome = report.failure?.kind === "task-timeout" || report.failure?.kind === "heartbeat-timeout" ? "timed-out" : "failed";
    }
    const maxPayloadBytes = state ? largest(state.maxInputBytes, state.maxOutputBytes) : null;
    byPath[path] = {
      path,
      outcome,
      origin,
      final,
      ...describeOutcome(outcome, origin, final),
      state,
      handled: report.handledErrors.filter((h) => h.path === path),
      maxPayloadBytes,
      payloadRatio: maxPayloadBytes === null ? null : maxPayloadBytes / PAYLOAD_LIMIT_BYTES,
    };
  }
  return {
    byPath,
    executionFailure: report.failure && report.failure.path === null ? report.failure : null,
    unmatchedPaths: report.states.map((s) => s.path).filter((p) => !byPath[p]),
  };
}
