import type { ExecutionDescription } from "./execution";
import type { PollError } from "./fleet";
import type { ExecutionReport } from "./report";

/** One row of the event timeline: enough to read the story, no payload contents. */
export interface TimelineEvent {
  id: number;
  previousEventId: number | null;
  timestamp: string;
  type: string;
  /** State the event belongs to (the `name` of the nearest *StateEntered ancestor), when known. */
  state: string | null;
  error: string | null;
  cause: string | null;
  /** UTF-8 bytes of the payload this event carries, if any. */
  payloadBytes: number | null;
  /** Which details field holds the payload (input, output, parameters), for the on-demand viewer. */
  payloadField: string | null;
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
  history: {
    /** True once every page is in and the report covers the whole history. */
    complete: boolean;
    pagesFetched: number;
    eventsFetched: number;
    error: PollError | null;
  };
  /** Newest first, at most TIMELINE_LIMIT rows. */
  timeline: TimelineEvent[];
  timelineTruncated: boolean;
  payloadsHidden: boolean;
  consoleUrl: string;
  fetchedAt: string;
}
