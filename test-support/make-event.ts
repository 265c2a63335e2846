import type { HistoryEvent } from "@/lib/domain/history-event";
import { EVENT_TYPE_INFO } from "@/lib/analysis/event-types";

/** Details field name for an event type, as the SDK names it (taskScheduledEventDetails, stateEnteredEventDetails…). */
export function detailsKeyFor(type: string): string {
  return EVENT_TYPE_INFO.get(type)?.detailsKey ?? type.charAt(0).toLowerCase() + type.slice(1) + "EventDetails";
}

/** One history event shaped as GetExecutionHistory returns it (JSON form: ISO timestamp). */
export function makeEvent(
  id: number,
  type: string,
  previousEventId: number,
  timestamp: string,
  details?: Record<string, unknown>,
): HistoryEvent {
  const event: HistoryEvent = { id, previousEventId, timestamp, type };
  if (details !== undefined) event[detailsKeyFor(type) as `${string}EventDetails`] = details;
  return event;
}

/** Appends events with ids 1, 2, … and a clock that advances `stepMs` per event (or by `advance`). */
export class HistoryBuilder {
  readonly events: HistoryEvent[] = [];
  private clockMs: number;

  constructor(
    startIso = "2024-01-01T00:00:00.000Z",
    private readonly stepMs = 10,
  ) {
    this.clockMs = Date.parse(startIso);
  }

  /** Id the next event will get. */
  get nextId(): number {
    return this.events.length + 1;
  }

  /** Moves the clock forward without writing an event (a long task, a wait). */
  advance(ms: number): this {
    this.clockMs += ms;
    return this;
  }

  /** Writes one event and returns its id. */
  add(type: string, previousEventId: number, details?: Record<string, unknown>): number {
    this.clockMs += this.stepMs;
    const id = this.nextId;
    this.events.push(makeEvent(id, type, previousEventId, new Date(this.clockMs).toISOString(), details));
    return id;
  }
}

/** The same history read with includeExecutionData: false — every payload field removed. */
export function stripPayloads(events: readonly HistoryEvent[]): HistoryEvent[] {
  return events.map((event) => {
    const info = EVENT_TYPE_INFO.get(event.type);
    if (!info?.payloadField) return event;
    const key = info.detailsKey as `${string}EventDetails`;
    const details = event[key];
    if (!details) return event;
    const copy: Record<string, unknown> = { ...details };
    delete copy[info.payloadField];
    return { ...event, [key]: copy };
  });
}

/** The first page of GetExecutionHistory with reverseOrder: the newest `size` events, newest first. */
export function firstPageNewestFirst(events: readonly HistoryEvent[], size: number): HistoryEvent[] {
  return events.slice(Math.max(0, events.length - size)).reverse();
}
