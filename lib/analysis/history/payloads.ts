import type { PayloadPeak } from "@/lib/domain/report";
import { utf8ByteLength } from "../bytes";
import type { HistoryEvent } from "@/lib/domain/history-event";
import { EVENT_TYPE_INFO, type EventTypeInfo } from "../event-types";
import { PAYLOAD_LIMIT_BYTES } from "../limits";
import type { Visit } from "./visit";

/** Payload sizes of the execution itself (its input and output), -1 when unseen. */
export interface ExecutionPayloads {
  inputBytes: number;
  outputBytes: number;
  payloadEvents: number;
  payloadsMissing: number;
}

/**
 * Measures the payload an event carries, in UTF-8 bytes of the string as AWS recorded it (never
 * re-serialised: AWS limits what it received), and folds it into the visit's or the execution's figures.
 */
export function recordPayload(
  details: unknown,
  info: EventTypeInfo,
  visit: Visit | null,
  execution: ExecutionPayloads,
): number {
  const field = info.payloadField!;
  const record = typeof details === "object" && details !== null ? (details as Record<string, unknown>) : undefined;
  const value = record?.[field];
  const slimSize = record?.[field + SLIM_SIZE_SUFFIX];
  const bytes = typeof value === "string" ? utf8ByteLength(value) : typeof slimSize === "number" ? slimSize : -1;
  const side = info.payloadSide;
  if (side === "execution-input" || side === "execution-output") {
    execution.payloadEvents++;
    if (bytes < 0) execution.payloadsMissing++;
    else if (side === "execution-input") execution.inputBytes = bytes;
    else execution.outputBytes = bytes;
    return bytes;
  }
  if (visit === null) return bytes;
  visit.payloadEvents++;
  if (bytes < 0) {
    visit.payloadsMissing++;
    return bytes;
  }
  if (side === "input") {
    visit.lastInputBytes = bytes;
    if (bytes > visit.maxInputBytes) {
      visit.maxInputBytes = bytes;
      visit.maxInputField = `${info.detailsKey}.${field}`;
    }
  } else {
    visit.lastOutputBytes = bytes;
    if (bytes > visit.maxOutputBytes) {
      visit.maxOutputBytes = bytes;
      visit.maxOutputField = `${info.detailsKey}.${field}`;
    }
  }
  return bytes;
}

/**
 * Suffix of the field a slim event carries instead of its payload text: `input` becomes `inputSizeBytes`
 * (no AWS details field ends so). Caches keep slim events: sizes without the personal data payloads may hold.
 */
export const SLIM_SIZE_SUFFIX = "SizeBytes";

/** A copy of the events with every payload string replaced by its UTF-8 size; the analyser reads both alike. */
export function slimEvents(events: readonly HistoryEvent[]): HistoryEvent[] {
  return events.map((event) => {
    const info = EVENT_TYPE_INFO.get(event.type);
    const field = info?.payloadField;
    if (!info || !field) return event;
    const key = info.detailsKey as `${string}EventDetails`;
    const details = event[key];
    const value = details?.[field];
    if (typeof value !== "string") return event;
    const { [field]: _payload, ...rest } = details!;
    return { ...event, [key]: { ...rest, [field + SLIM_SIZE_SUFFIX]: utf8ByteLength(value) } };
  });
}

/** Payload-bearing events seen and how many came without their payload (includeExecutionData: false drops them all). */
export function countPayloadEvents(visits: readonly Visit[], execution: ExecutionPayloads): { events: number; missing: number } {
  let events = execution.payloadEvents;
  let missing = execution.payloadsMissing;
  for (const visit of visits) {
    events += visit.payloadEvents;
    missing += visit.payloadsMissing;
  }
  return { events, missing };
}

/** The largest payload of the execution (state or execution input/output), against 262,144 bytes. */
export function findPayloadPeak(visits: readonly Visit[], execution: ExecutionPayloads, known: boolean): PayloadPeak {
  const peak: PayloadPeak = { maxBytes: null, state: null, path: null, field: null, limit: PAYLOAD_LIMIT_BYTES, ratio: null };
  if (!known) return peak;
  let max = -1;
  const consider = (bytes: number, visit: Visit | null, field: string | null) => {
    if (bytes <= max) return;
    max = bytes;
    peak.state = visit ? visit.name : null;
    peak.path = visit ? visit.path : null;
    peak.field = field;
  };
  // States first: on a tie the state that carried the payload is more useful than "the execution input".
  for (const visit of visits) {
    consider(visit.maxInputBytes, visit, visit.maxInputField);
    consider(visit.maxOutputBytes, visit, visit.maxOutputField);
  }
  consider(execution.inputBytes, null, "executionStartedEventDetails.input");
  consider(execution.outputBytes, null, "executionSucceededEventDetails.output");
  if (max < 0) return peak;
  peak.maxBytes = max;
  peak.ratio = max / PAYLOAD_LIMIT_BYTES;
  return peak;
}
