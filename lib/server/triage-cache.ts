import "server-only";
import { Lru } from "./lru";

// A running execution is re-read at most this often, however many tabs ask.
export const RUNNING_TTL_MS = 5_000;

const MB = 1024 * 1024;
/** A byte bound from the environment in MB (decimals allowed: the e2e tests use a few KB), else the default. */
export function megabytesFromEnv(name: string, fallbackMb: number): number {
  const value = Number(process.env[name]);
  return (Number.isFinite(value) && value > 0 ? value : fallbackMb) * MB;
}

/** How much each part of the triage cache may hold, in bytes as approximateBytes weighs them. */
export interface TriageCacheBounds {
  /** Slim histories (event metadata and sizes, never payload text). */
  historyBytes: number;
  /** Closed executions' reports (small; they never change). */
  closedBytes: number;
  closedEntries: number;
}

// SFN_TRIAGE_HISTORY_CACHE_MB lowers the history bound (the e2e tests do, to prove a dropped history costs no feature).
function boundsFromEnv(): TriageCacheBounds {
  return {
    historyBytes: megabytesFromEnv("SFN_TRIAGE_HISTORY_CACHE_MB", 128),
    closedBytes: megabytesFromEnv("SFN_TRIAGE_REPORT_CACHE_MB", 64),
    closedEntries: 20_000,
  };
}

/**
 * What the triage service keeps, and for how long, bounded in bytes: closed reports (small, never change)
 * while there is room; slim histories while there is room, newest looked-at first. Dropping either loses
 * no feature: the service reads it again (a closed report from the index first), and the page shows progress.
 */
export class TriageCache<Closed, History> {
  readonly closed: Lru<string, Closed>;
  private readonly histories: Lru<string, History>;

  /** `weigh` gives the bytes of a history and of a closed report. */
  constructor(
    weigh: { history: (history: History) => number; closed: (closed: Closed) => number },
    bounds: TriageCacheBounds = boundsFromEnv(),
  ) {
    this.closed = new Lru({ entries: bounds.closedEntries, bytes: bounds.closedBytes, sizeOf: weigh.closed });
    this.histories = new Lru({ entries: Number.POSITIVE_INFINITY, bytes: bounds.historyBytes, sizeOf: weigh.history });
  }

  history(arn: string): History | undefined {
    return this.histories.get(arn);
  }

  /** Stores (or re-weighs, after it grew) a history; drops the least recently looked at past the bound, never this one. */
  setHistory(arn: string, history: History): void {
    this.histories.set(arn, history);
  }

  dropHistory(arn: string): void {
    this.histories.delete(arn);
  }

  get historiesHeld(): number {
    return this.histories.size;
  }

  /** Bytes held by histories and closed reports, as weighed (health and the memory bench). */
  get bytesHeld(): { histories: number; closed: number } {
    return { histories: this.histories.bytes, closed: this.closed.bytes };
  }
}
