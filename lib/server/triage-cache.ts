import "server-only";
import { Lru } from "./lru";

// A running execution is re-read at most this often, however many tabs ask.
export const RUNNING_TTL_MS = 5_000;
// Slim histories (no payload text) and their rows: ≈ 0.5 KB an event, so this bounds them near 100 MB.
// SFN_TRIAGE_HISTORY_CACHE_EVENTS lowers it (the e2e tests do, to prove a dropped history costs no feature).
const EVENTS_KEPT = Number(process.env.SFN_TRIAGE_HISTORY_CACHE_EVENTS) > 0 ? Number(process.env.SFN_TRIAGE_HISTORY_CACHE_EVENTS) : 200_000;
// Closed executions' reports: a few KB each, kept for good up to this many.
const CLOSED_KEPT = 20_000;

/**
 * What the triage service keeps, and for how long: closed reports (small, never change) for good; slim
 * histories (event metadata and sizes, never payload text) while there is room, newest looked-at first.
 * Dropping a history loses no feature: the service reads it again, and the page shows the progress.
 */
export class TriageCache<Closed, History> {
  readonly closed = new Lru<string, Closed>(CLOSED_KEPT);
  private readonly histories = new Map<string, History>();
  private readonly sizes = new Map<string, number>();
  private eventsHeld = 0;

  /** `sizeOf` counts a history's events; `eventsKept` bounds their sum. */
  constructor(
    private readonly sizeOf: (history: History) => number,
    private readonly eventsKept = EVENTS_KEPT,
  ) {}

  history(arn: string): History | undefined {
    const held = this.histories.get(arn);
    if (held !== undefined) {
      this.histories.delete(arn);
      this.histories.set(arn, held);
    }
    return held;
  }

  /** Stores (or re-measures, after it grew) a history; drops the least recently looked at past the bound, never this one. */
  setHistory(arn: string, history: History): void {
    this.dropHistory(arn);
    const size = this.sizeOf(history);
    this.histories.set(arn, history);
    this.sizes.set(arn, size);
    this.eventsHeld += size;
    for (const key of [...this.histories.keys()]) {
      if (this.eventsHeld <= this.eventsKept || key === arn) break;
      this.dropHistory(key);
    }
  }

  dropHistory(arn: string): void {
    if (!this.histories.has(arn)) return;
    this.histories.delete(arn);
    this.eventsHeld -= this.sizes.get(arn) ?? 0;
    this.sizes.delete(arn);
  }

  get historiesHeld(): number {
    return this.histories.size;
  }
}
