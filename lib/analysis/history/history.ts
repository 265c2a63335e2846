import type { HistoryEvent } from "@/lib/domain/history-event";
import { HistoryError } from "../errors";
import { EVENT_TYPE_INFO, UNKNOWN_EVENT_TYPE_INFO, type EventTypeInfo } from "../event-types";
import { toEpochMs } from "../timestamps";

// Module-local aliases: under tsx (and some bundlers) every use of an imported binding is a getter call.
const typeInfos = EVENT_TYPE_INFO;
const unknownInfo = UNKNOWN_EVENT_TYPE_INFO;
const parseTime = toEpochMs;

/** A validated history in ascending id order, with what the hot loop needs precomputed per event. */
export interface NormalisedHistory {
  events: readonly HistoryEvent[];
  /** The input was newest first (GetExecutionHistory with reverseOrder) and was turned around. */
  reversed: boolean;
  firstId: number;
  lastId: number;
  /** Ids run from firstId to lastId without a gap, so position = id - firstId. */
  contiguous: boolean;
  /** Events whose ids fall in gaps between firstId and lastId. */
  missingEvents: number;
  timesMs: Float64Array;
  infos: EventTypeInfo[];
  unknownTypes: Map<string, number>;
}

/** The `events` array of GetExecutionHistory output (`{events: [...]}`) or a bare array of events. */
export function extractEvents(input: unknown): unknown[] {
  if (Array.isArray(input)) return input;
  if (typeof input === "object" && input !== null && Array.isArray((input as { events?: unknown }).events)) {
    return (input as { events: unknown[] }).events;
  }
  throw new HistoryError("not-a-history", "Not an execution history: expected {\"events\": [...]} or an array of events.");
}

/** Checks every event's id, type, timestamp and parent link and orders them oldest first; throws HistoryError. */
export function normaliseHistory(input: unknown): NormalisedHistory {
  const raw = extractEvents(input);
  const n = raw.length;
  if (n === 0) throw new HistoryError("empty-history", "The history has no events.");
  const timesMs = new Float64Array(n);
  const infos: EventTypeInfo[] = new Array(n);
  const unknownTypes = new Map<string, number>();
  let direction = 0;
  let previousId = 0;
  let lastType = "";
  let lastInfo: EventTypeInfo = unknownInfo;
  for (let i = 0; i < n; i++) {
    const event = raw[i] as Record<string, unknown> | null;
    if (typeof event !== "object" || event === null || Array.isArray(event)) {
      throw new HistoryError("bad-event", `Event #${i} is not an object.`, i);
    }
    const id = event.id;
    if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 1) {
      throw new HistoryError("bad-event-id", `Event #${i} has no positive integer id.`, i);
    }
    const type = event.type;
    if (typeof type !== "string" || type.length === 0) {
      throw new HistoryError("bad-event-type", `Event ${id} has no type.`, i);
    }
    const time = parseTime(event.timestamp);
    if (Number.isNaN(time)) throw new HistoryError("bad-timestamp", `Event ${id} has no readable timestamp.`, i);
    const parent = event.previousEventId;
    if (parent !== undefined && parent !== null) {
      if (typeof parent !== "number" || !Number.isSafeInteger(parent) || parent < 0 || parent >= id) {
        // previousEventId always points back in time; anything else is not an AWS history.
        throw new HistoryError("bad-parent", `Event ${id} has previousEventId ${typeof parent === "number" ? parent : `of type ${Array.isArray(parent) ? "array" : typeof parent}`}, which is not an earlier event.`, i);
      }
    }
    if (i > 0) {
      if (id === previousId) throw new HistoryError("duplicate-event-id", `Event id ${id} appears twice.`, i);
      const step = id > previousId ? 1 : -1;
      if (direction === 0) direction = step;
      else if (step !== direction) {
        throw new HistoryError("out-of-order", `Events are out of order: ${id} follows ${previousId}.`, i);
      }
    }
    previousId = id;
    timesMs[i] = time;
    // Consecutive events often share a type (a Map's items): skip the lookup then.
    if (type !== lastType) {
      lastType = type;
      lastInfo = typeInfos.get(type) ?? unknownInfo;
    }
    if (lastInfo === unknownInfo) unknownTypes.set(type, (unknownTypes.get(type) ?? 0) + 1);
    infos[i] = lastInfo;
  }
  const reversed = direction === -1;
  const events = (reversed ? raw.slice().reverse() : raw) as HistoryEvent[];
  if (reversed) {
    timesMs.reverse();
    infos.reverse();
  }
  const firstId = events[0]!.id;
  const lastId = events[n - 1]!.id;
  const span = lastId - firstId + 1;
  return {
    events,
    reversed,
    firstId,
    lastId,
    contiguous: span === n,
    missingEvents: span - n,
    timesMs,
    infos,
    unknownTypes,
  };
}
