import type { HistoryEvent } from "@/lib/domain/history-event";
import type { TimelineEvent } from "@/lib/domain/triage";
import { utf8ByteLength } from "../bytes";

/** Rows the execution page's timeline shows; older events stay in the report's aggregates. */
export const TIMELINE_LIMIT = 500;

// The details fields that carry payloads (AWS-FACTS.md: Payload-bearing details), in the order we prefer.
const PAYLOAD_FIELDS = ["input", "output", "parameters"] as const;

function detailsOf(event: HistoryEvent): Record<string, unknown> | null {
  for (const key in event) if (key.endsWith("EventDetails")) return (event[key as `${string}EventDetails`] ?? null) as Record<string, unknown> | null;
  return null;
}

function text(value: unknown): string | null {
  return typeof value === "string" ? value : null;
}

/** The ISO form of an SDK Date or a JSON timestamp. */
function iso(timestamp: Date | string): string {
  return typeof timestamp === "string" ? timestamp : timestamp.toISOString();
}

/**
 * The newest `limit` events as timeline rows, each attributed to its state. `previousEventId` is a
 * parent link, not a chain: a state's events hang off its *StateEntered event, so the state of an
 * event is the state of its parent unless it enters one itself.
 */
export function buildTimeline(eventsNewestFirst: readonly HistoryEvent[], limit: number = TIMELINE_LIMIT): TimelineEvent[] {
  const stateById = new Map<number, string | null>();
  for (let i = eventsNewestFirst.length - 1; i >= 0; i--) {
    const event = eventsNewestFirst[i]!;
    const details = detailsOf(event);
    const entered = event.type.endsWith("StateEntered") ? text(details?.name) : null;
    const isExecutionEvent = event.type.startsWith("Execution");
    stateById.set(event.id, isExecutionEvent ? null : (entered ?? stateById.get(event.previousEventId ?? 0) ?? null));
  }
  const rows: TimelineEvent[] = [];
  for (const event of eventsNewestFirst.slice(0, limit)) {
    const details = detailsOf(event);
    const field = PAYLOAD_FIELDS.find((f) => typeof details?.[f] === "string") ?? null;
    const payload = field ? text(details?.[field]) : null;
    rows.push({
      id: event.id,
      previousEventId: event.previousEventId ?? null,
      timestamp: iso(event.timestamp),
      type: event.type,
      state: stateById.get(event.id) ?? null,
      error: text(details?.error),
      cause: text(details?.cause),
      payloadBytes: payload === null ? null : utf8ByteLength(payload),
      payloadField: field,
    });
  }
  return rows;
}

/** The payload text an event carries in `field`, for the on-demand viewer (never rendered as HTML). */
export function payloadOf(event: HistoryEvent, field: string): string | null {
  if (!(PAYLOAD_FIELDS as readonly string[]).includes(field)) return null;
  return text(detailsOf(event)?.[field]);
}
