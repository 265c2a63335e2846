import type { HistoryEvent } from "@/lib/domain/history-event";
import type { EventTypeInfo } from "./event-types";

/** An event's `*EventDetails` object; undefined when absent or not an object. */
export type Details = Record<string, unknown> | undefined;

// Details come from the wire: anything may be missing or of the wrong type, and must not crash the analyser.

/** The details object of an event, if it has a well-formed one. */
export function detailsOf(event: HistoryEvent, info: EventTypeInfo): Details {
  if (!info.detailsKey) return undefined;
  const value: unknown = event[info.detailsKey as `${string}EventDetails`];
  return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** A string field of details, or null. */
export function readString(details: Details, key: string): string | null {
  return details !== undefined && typeof details[key] === "string" ? (details[key] as string) : null;
}

/** A finite number field of details, or null. */
export function readNumber(details: Details, key: string): number | null {
  const value = details?.[key];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}
