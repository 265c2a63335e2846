import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** A history event as moto returns it; only the fields paging needs are typed. */
export interface RawHistoryEvent {
  id: number;
  type: string;
  [key: string]: unknown;
}

/** AWS: maxResults 1–1000, default 100; 0 means the default. */
export const DEFAULT_MAX_RESULTS = 100;
/** AWS caps GetExecutionHistory pages at 1000 events. */
export const MAX_MAX_RESULTS = 1000;
/** AWS: "nextToken … expires after 24 hours". */
export const TOKEN_TTL_MS = 24 * 60 * 60 * 1000;

/** Where a page continues from, as sealed into a nextToken. */
export interface HistoryCursor {
  executionArn: string;
  lastEventId: number;
  reverseOrder: boolean;
  issuedAtMs: number;
}

/** Why a token was refused; the gateway answers 400 InvalidToken with the message. */
export class InvalidTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "InvalidTokenError";
  }
}

/** Seals cursors into opaque tokens; a fresh secret per gateway, so a token from another run is unknown. */
export class HistoryTokens {
  constructor(private readonly secret: Buffer = randomBytes(32)) {}

  /** Make the opaque nextToken for a cursor. */
  seal(cursor: HistoryCursor): string {
    const body = Buffer.from(
      JSON.stringify({ v: 1, a: arnDigest(cursor.executionArn), e: cursor.lastEventId, r: cursor.reverseOrder ? 1 : 0, t: cursor.issuedAtMs }),
    ).toString("base64url");
    return `${body}.${this.mac(body)}`;
  }

  /** Read a token back for this request; throws InvalidTokenError when it is malformed, foreign, stale or for another execution. */
  open(token: string, executionArn: string, reverseOrder: boolean, nowMs: number): HistoryCursor {
    const [body, mac, extra] = token.split(".");
    if (!body || !mac || extra !== undefined) throw new InvalidTokenError("Invalid Token: 'Invalid token'");
    const expected = Buffer.from(this.mac(body));
    const given = Buffer.from(mac);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw new InvalidTokenError("Invalid Token: 'Invalid token'");
    let parsed: { v?: unknown; a?: unknown; e?: unknown; r?: unknown; t?: unknown };
    try {
      parsed = JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
    } catch {
      throw new InvalidTokenError("Invalid Token: 'Invalid token'");
    }
    if (parsed.v !== 1 || typeof parsed.e !== "number" || typeof parsed.t !== "number") throw new InvalidTokenError("Invalid Token: 'Invalid token'");
    if (parsed.a !== arnDigest(executionArn)) throw new InvalidTokenError("Invalid Token: 'Token does not match the execution'");
    if ((parsed.r === 1) !== reverseOrder) throw new InvalidTokenError("Invalid Token: 'reverseOrder differs from the request that issued the token'");
    if (nowMs - parsed.t > TOKEN_TTL_MS) throw new InvalidTokenError("Invalid Token: 'Token has expired'");
    return { executionArn, lastEventId: parsed.e, reverseOrder, issuedAtMs: parsed.t };
  }

  private mac(body: string): string {
    return createHmac("sha256", this.secret).update(body).digest("base64url").slice(0, 27);
  }
}

function arnDigest(arn: string): string {
  return createHash("sha256").update(arn).digest("base64url").slice(0, 16);
}

/** Parse GetExecutionHistory's maxResults as AWS validates it; returns the page size or an error message. */
export function pageSize(maxResults: unknown): number | { error: string } {
  if (maxResults === undefined || maxResults === null || maxResults === 0) return DEFAULT_MAX_RESULTS;
  if (typeof maxResults !== "number" || !Number.isInteger(maxResults)) return { error: "1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must be an integer" };
  if (maxResults < 0 || maxResults > MAX_MAX_RESULTS) {
    return {
      error: `1 validation error detected: Value '${maxResults}' at 'maxResults' failed to satisfy constraint: Member must have value ${maxResults < 0 ? "greater than or equal to 0" : "less than or equal to 1000"}`,
    };
  }
  return maxResults;
}

/** One page of a full history: events in the requested order after the cursor, and whether more remain. */
export function sliceHistory(
  events: readonly RawHistoryEvent[],
  opts: { size: number; reverseOrder: boolean; afterEventId: number | null },
): { events: RawHistoryEvent[]; lastEventId: number | null; more: boolean } {
  const { size, reverseOrder, afterEventId } = opts;
  // Cursors hold event ids, not offsets, so new events of a RUNNING execution don't shift later pages.
  const remaining = reverseOrder
    ? events.filter((e) => afterEventId === null || e.id < afterEventId).sort((a, b) => b.id - a.id)
    : events.filter((e) => afterEventId === null || e.id > afterEventId).sort((a, b) => a.id - b.id);
  const page = remaining.slice(0, size);
  const last = page[page.length - 1];
  return { events: page, lastEventId: last ? last.id : null, more: remaining.length > page.length };
}

/** includeExecutionData: false — the events without input/output (and their *Details), as Step Functions strips them. */
export function withoutExecutionData(events: readonly RawHistoryEvent[]): RawHistoryEvent[] {
  return events.map((event) => {
    const copy: RawHistoryEvent = { ...event };
    for (const [key, value] of Object.entries(event)) {
      if (!key.endsWith("EventDetails") || !value || typeof value !== "object") continue;
      const { input: _input, output: _output, inputDetails: _inputDetails, outputDetails: _outputDetails, ...rest } = value as Record<string, unknown>;
      copy[key] = rest;
    }
    return copy;
  });
}

/** The event types that end an execution: after one, its history never changes. */
export const CLOSING_EVENT_TYPES = new Set(["ExecutionSucceeded", "ExecutionFailed", "ExecutionAborted", "ExecutionTimedOut"]);

/** Is this full history closed (its last event ends the execution)? */
export function isClosedHistory(events: readonly RawHistoryEvent[]): boolean {
  return events.some((e) => CLOSING_EVENT_TYPES.has(e.type));
}
