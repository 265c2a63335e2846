import { callMotoJson, type MotoAnswer } from "./moto-forward";
import { isClosedHistory, type RawHistoryEvent } from "./history-pages";

/** A full history, or moto's error answer to relay as is. */
export type HistoryFetch = { ok: true; events: RawHistoryEvent[]; closed: boolean } | { ok: false; answer: MotoAnswer };

// Later pages of a RUNNING execution's history reuse a snapshot this young, so paging doesn't re-fetch per page.
const RUNNING_TTL_MS = 1_000;

/**
 * Full execution histories fetched from moto (which ignores maxResults/nextToken/reverseOrder).
 * Closed histories never change, so they are kept (LRU, bounded by bytes); concurrent reads share one fetch.
 */
export class HistoryStore {
  private readonly closed = new Map<string, { events: RawHistoryEvent[]; bytes: number }>();
  private closedBytes = 0;
  private readonly running = new Map<string, { events: RawHistoryEvent[]; atMs: number }>();
  private readonly inflight = new Map<string, Promise<HistoryFetch>>();
  /** Epoch seconds of the closing event, per execution: moto omits stopDate for TIMED_OUT. */
  readonly stopDates = new Map<string, number>();

  constructor(
    private readonly motoUrl: URL,
    private readonly maxClosedBytes = 64 * 1024 * 1024,
  ) {}

  /** The whole history of an execution, newest state. */
  async get(executionArn: string, opts: { fresh?: boolean } = {}): Promise<HistoryFetch> {
    const hit = this.closed.get(executionArn);
    if (hit) {
      this.closed.delete(executionArn);
      this.closed.set(executionArn, hit);
      return { ok: true, events: hit.events, closed: true };
    }
    const recent = this.running.get(executionArn);
    if (recent && !opts.fresh && Date.now() - recent.atMs < RUNNING_TTL_MS) return { ok: true, events: recent.events, closed: false };
    const pending = this.inflight.get(executionArn);
    if (pending) return pending;
    const fetch = this.fetch(executionArn).finally(() => this.inflight.delete(executionArn));
    this.inflight.set(executionArn, fetch);
    return fetch;
  }

  /** When the execution closed (epoch seconds), from its last event; null if still running or unknown. */
  async stopDate(executionArn: string): Promise<number | null> {
    const known = this.stopDates.get(executionArn);
    if (known !== undefined) return known;
    // Fresh: the caller saw a closed status, so a running snapshot from a moment ago would be stale.
    const history = await this.get(executionArn, { fresh: true });
    if (!history.ok || !history.closed) return null;
    return this.stopDates.get(executionArn) ?? null;
  }

  private async fetch(executionArn: string): Promise<HistoryFetch> {
    const region = executionArn.split(":")[3] || "us-east-1";
    const answer = await callMotoJson(this.motoUrl, {
      service: "states",
      region,
      // The execution's own account (the sandbox has two): moto keys its backends by account.
      account: executionArn.split(":")[4],
      target: "AWSStepFunctions.GetExecutionHistory",
      body: { executionArn },
    });
    if (answer.status !== 200) return { ok: false, answer };
    const parsed = JSON.parse(answer.body.toString("utf8")) as { events?: RawHistoryEvent[] };
    const events = parsed.events ?? [];
    const closed = isClosedHistory(events);
    if (closed) {
      const last = events.reduce<RawHistoryEvent | undefined>((a, e) => (!a || e.id > a.id ? e : a), undefined);
      if (last && typeof last.timestamp === "number") this.stopDates.set(executionArn, last.timestamp);
      this.running.delete(executionArn);
      this.remember(executionArn, events, answer.body.length);
    } else {
      this.running.set(executionArn, { events, atMs: Date.now() });
      if (this.running.size > 500) this.running.delete(this.running.keys().next().value as string);
    }
    return { ok: true, events, closed };
  }

  private remember(executionArn: string, events: RawHistoryEvent[], bytes: number): void {
    if (bytes > this.maxClosedBytes) return;
    this.closed.set(executionArn, { events, bytes });
    this.closedBytes += bytes;
    while (this.closedBytes > this.maxClosedBytes) {
      const oldest = this.closed.keys().next().value as string;
      this.closedBytes -= this.closed.get(oldest)?.bytes ?? 0;
      this.closed.delete(oldest);
    }
  }
}
