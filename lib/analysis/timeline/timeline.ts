import type { HistoryEvent } from "@/lib/domain/history-event";
import type { EventPage, EventQuery, TimelineEvent } from "@/lib/domain/triage";
import type { Attribution } from "../history/attribution";
import { readEventError } from "../history/event-errors";
import { EVENT_KIND } from "../event-types";
import { toIsoString } from "../timestamps";

/** Rows of one page of the event view; older events come page by page. */
export const TIMELINE_LIMIT = 500;

// The details fields that carry payloads (AWS-FACTS.md: Payload-bearing details).
const PAYLOAD_FIELDS = ["input", "output", "parameters"] as const;
const ERROR_TYPE = /(Failed|TimedOut|Aborted)$/;

/**
 * Every event as a row of the event view, oldest first, each placed in the state visit the analyser
 * attributed it to (the one attribution: a MapStateFailed belongs to its Map, a ParallelStateExited to its
 * Parallel, whatever previousEventId points at). Sizes only: payload text stays in the history.
 */
export function buildEventRows(attribution: Attribution): TimelineEvent[] {
  const { events, timesMs, infos } = attribution.history;
  const rows: TimelineEvent[] = new Array(events.length);
  const retryStarts = new Set<number>();
  for (const visit of attribution.visits) for (let i = 1; i < visit.restarts.length; i++) retryStarts.add(visit.restarts[i]!);
  const startMs = timesMs[0]!;
  for (let pos = 0; pos < events.length; pos++) {
    const event = events[pos]!;
    const info = infos[pos]!;
    const index = attribution.visitOf[pos]!;
    const visit = index >= 0 ? attribution.visits[index]! : null;
    const { error, cause } = readEventError(attribution, pos);
    const bytes = attribution.payloadBytes[pos]!;
    rows[pos] = {
      id: event.id,
      previousEventId: event.previousEventId ?? null,
      timestamp: toIsoString(event.timestamp) ?? "",
      type: event.type,
      state: visit?.name ?? null,
      path: visit?.path ?? null,
      visit: visit?.index ?? null,
      iteration: visit?.iteration ?? null,
      error,
      cause,
      payloadBytes: bytes >= 0 ? bytes : null,
      payloadField: bytes >= 0 && info.payloadField !== null ? info.payloadField : null,
      elapsedMs: Math.max(0, timesMs[pos]! - startMs),
      sincePreviousMs: pos === 0 ? 0 : Math.max(0, timesMs[pos]! - timesMs[pos - 1]!),
      isError: info.carriesError || ERROR_TYPE.test(event.type),
      isRetry: retryStarts.has(pos) || (info.kind === EVENT_KIND.executionStart && event.type === "ExecutionRedriven"),
    };
  }
  return rows;
}

/** One page of rows (given oldest first), newest first, filtered by state, kind and text. */
export function selectEvents(rowsOldestFirst: readonly TimelineEvent[], query: EventQuery): Omit<EventPage, "complete" | "eventsLoaded" | "eventsTotal"> {
  const limit = Math.max(1, Math.min(query.limit ?? TIMELINE_LIMIT, 5_000));
  const needle = query.q?.trim().toLowerCase() ?? "";
  const matches = (row: TimelineEvent) =>
    (query.state === undefined || row.path === query.state) &&
    (query.kind !== "errors" || row.isError) &&
    (query.kind !== "retries" || row.isRetry) &&
    (needle === "" || [row.type, row.path ?? "", row.error ?? "", row.cause ?? "", String(row.id)].some((text) => text.toLowerCase().includes(needle)));
  const events: TimelineEvent[] = [];
  let matched = 0;
  let nextBefore: number | null = null;
  for (let i = rowsOldestFirst.length - 1; i >= 0; i--) {
    const row = rowsOldestFirst[i]!;
    if (!matches(row)) continue;
    matched++;
    if (query.before !== undefined && row.id >= query.before) continue;
    if (events.length < limit) events.push(row);
    else nextBefore ??= events[events.length - 1]!.id;
  }
  return { events, matched, nextBefore };
}

/** The payload text an event carries in `field`, for the on-demand viewer (never rendered as HTML). */
export function payloadOf(event: HistoryEvent, field: string): string | null {
  if (!(PAYLOAD_FIELDS as readonly string[]).includes(field)) return null;
  for (const key in event) {
    if (!key.endsWith("EventDetails")) continue;
    const value = (event[key as `${string}EventDetails`] as Record<string, unknown> | undefined)?.[field];
    if (typeof value === "string") return value;
  }
  return null;
}
