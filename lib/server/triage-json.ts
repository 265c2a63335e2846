import "server-only";
import { buildStateGraph } from "@/lib/analysis/graph/build-state-graph";
import { isDefinitionError } from "@/lib/analysis/graph/definition-error";
import { buildGraphOverlay } from "@/lib/analysis/graph/overlay";
import type { StateGraphModel } from "@/lib/analysis/graph/state-graph-model";
import { describeExecution } from "@/lib/analysis/headline/describe-failure";
import { selectEvents, TIMELINE_LIMIT } from "@/lib/analysis/timeline/timeline";
import type { ExecutionDescription } from "@/lib/domain/execution";
import type { PollError } from "@/lib/domain/fleet";
import type { ExecutionReport } from "@/lib/domain/report";
import type { ExecutionTriage, FindingView, TimelineEvent } from "@/lib/domain/triage";

/** The definition as a graph model, or why it can't be drawn. Built once per definition and kept. */
export type GraphBuild = { model: StateGraphModel; error: null } | { model: null; error: string | null };

/** Builds the graph model of a definition on the server (the browser only lays it out). */
export function buildGraph(definition: string | null): GraphBuild {
  if (definition === null) return { model: null, error: null };
  try {
    return { model: buildStateGraph(definition), error: null };
  } catch (error) {
    if (!isDefinitionError(error)) throw error;
    return { model: null, error: error.message };
  }
}

/** Everything the JSON is assembled from; no I/O, no clock. */
export interface TriageParts {
  execution: Omit<ExecutionDescription, "input" | "output">;
  region: string;
  definition: { text: string | null; error: string | null };
  findings: FindingView[];
  graph: GraphBuild;
  report: ExecutionReport;
  /** Event rows oldest first; may be a partial (newest pages) while the history loads. */
  rows: readonly TimelineEvent[];
  history: { complete: boolean; pagesFetched: number; reloading: boolean; error: PollError | null };
  payloadsHidden: boolean;
  consoleUrl: string;
  fetchedAt: string;
}

/** The triage JSON: pure assembly of what the service loaded and the analyser made of it. */
export function assembleTriage(parts: TriageParts): ExecutionTriage {
  const { report, rows } = parts;
  const firstPage = selectEvents(rows, { limit: TIMELINE_LIMIT });
  return {
    execution: parts.execution,
    region: parts.region,
    definition: parts.definition.text,
    definitionError: parts.definition.error,
    findings: parts.findings,
    report,
    headline: describeExecution(report),
    graph: parts.graph.model ? { model: parts.graph.model, overlay: buildGraphOverlay(parts.graph.model, report) } : null,
    graphError: parts.graph.error,
    history: {
      complete: parts.history.complete,
      pagesFetched: parts.history.pagesFetched,
      eventsFetched: rows.length,
      eventsTotal: report.lastEventId ?? null,
      reloading: parts.history.reloading,
      error: parts.history.error,
    },
    timeline: firstPage.events,
    timelineTruncated: firstPage.nextBefore !== null,
    payloadsHidden: parts.payloadsHidden,
    consoleUrl: parts.consoleUrl,
    fetchedAt: parts.fetchedAt,
  };
}
