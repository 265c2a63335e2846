import type { ExecutionDescription } from "./execution";
import type { PollError } from "./fleet";
import type { GraphOverlay } from "@/lib/analysis/graph/overlay";
import type { StateGraphModel } from "@/lib/analysis/graph/state-graph-model";
import type { ExecutionReport, Headline } from "./report";

/** One row of the event view: enough to read the story, no payload contents (those load on demand). */
export interface TimelineEvent {
  id: number;
  previousEventId: number | null;
  timestamp: string;
  type: string;
  /** State the event belongs to, as the analyser attributed it (a MapStateFailed belongs to its Map); null for the execution's own events. */
  state: string | null;
  /** The state's path ("Checks/AuthorizePayment"), the key of the report's states. */
  path: string | null;
  /** Which entry into the state (0, 1…, in event order over the whole history), so a state's visits can be told apart. */
  visit: number | null;
  /** Map iteration index the visit ran in, when it ran in one. */
  iteration: number | null;
  error: string | null;
  cause: string | null;
  /** UTF-8 bytes of the payload this event carries, if any. */
  payloadBytes: number | null;
  /** Which details field holds the payload (input, output, parameters), for the on-demand viewer. */
  payloadField: string | null;
  /** Milliseconds since the execution started (its first event), and since the event before this one. */
  elapsedMs: number;
  sincePreviousMs: number;
  /** Carries an error (a task failure, a timeout, a Map/Parallel failure, the execution's end in failure). */
  isError: boolean;
  /** Starts a retry: a re-scheduled Task, a restarted Map/Parallel. */
  isRetry: boolean;
}

/** Filters of the event view. */
export interface EventQuery {
  /** Events older than this id (the next page); newest first. */
  before?: number;
  limit?: number;
  /** A state path. */
  state?: string;
  kind?: "errors" | "retries";
  /** Case-insensitive text in type, state, error or cause. */
  q?: string;
}

/** One page of the event view. */
export interface EventPage {
  events: TimelineEvent[];
  /** Events matching the filters, over the whole history read. */
  matched: number;
  /** The `before` of the next page; null on the last. */
  nextBefore: number | null;
  /** False while the history is still loading (or re-loading after the cache dropped it). */
  complete: boolean;
  eventsLoaded: number;
  /** The history's size when known (the newest event id). */
  eventsTotal: number | null;
}

/** A definition finding as the pages show it (codes from lib/analysis/findings). */
export interface FindingView {
  code: string;
  severity: "error" | "warning" | "info";
  path: string | null;
  message: string;
  fix?: string;
}

/** Everything the execution page needs, as of `fetchedAt`. */
export interface ExecutionTriage {
  execution: ExecutionDescription;
  region: string;
  /** The definition that ran (DescribeStateMachineForExecution), or null if it could not be read. */
  definition: string | null;
  definitionError: string | null;
  findings: FindingView[];
  report: ExecutionReport;
  /** The headline, from the one producer (lib/analysis/headline): the failure in words, a near miss, or the status. */
  headline: Headline;
  /** The definition as a graph with this execution painted on it, built on the server; the browser only lays it out. */
  graph: { model: StateGraphModel; overlay: GraphOverlay } | null;
  /** Why the definition can't be drawn, when it can't. */
  graphError: string | null;
  history: {
    /** True once every page is in and the report covers the whole history. */
    complete: boolean;
    pagesFetched: number;
    eventsFetched: number;
    /** The history's size when known (the newest event id). */
    eventsTotal: number | null;
    /** Read again because the cache had dropped it (the report was kept; the events are coming back). */
    reloading: boolean;
    error: PollError | null;
  };
  /** The event view's first page: newest first, at most TIMELINE_LIMIT rows; later pages from the events API. */
  timeline: TimelineEvent[];
  timelineTruncated: boolean;
  payloadsHidden: boolean;
  consoleUrl: string;
  fetchedAt: string;
}
