/** Why an input could not be analysed. Each code names one problem, so callers can map it to a message or a status. */
export const HISTORY_ERROR_CODES = [
  "not-a-history",
  "empty-history",
  "bad-event",
  "bad-event-id",
  "bad-event-type",
  "bad-timestamp",
  "bad-parent",
  "duplicate-event-id",
  "out-of-order",
  "bad-definition",
] as const;
export type HistoryErrorCode = (typeof HISTORY_ERROR_CODES)[number];

/** The only error the analyser throws on bad input: a code and a one-line message naming the problem. */
export class HistoryError extends Error {
  readonly code: HistoryErrorCode;
  /** Index of the offending event in the input array, when one event is to blame. */
  readonly eventIndex: number | null;

  constructor(code: HistoryErrorCode, message: string, eventIndex: number | null = null) {
    super(message);
    this.name = "HistoryError";
    this.code = code;
    this.eventIndex = eventIndex;
  }
}

/** True for errors the analyser raised on purpose (as opposed to bugs), from any bundle's copy of this module. */
export function isHistoryError(error: unknown): error is HistoryError {
  return error instanceof Error && error.name === "HistoryError" && typeof (error as { code?: unknown }).code === "string";
}
