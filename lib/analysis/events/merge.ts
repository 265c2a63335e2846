import type { IndexedStatus } from "@/lib/domain/failures";
import type { ExecutionStatusChange } from "./status-change";

/** Statuses the failure index holds (the others change nothing there). */
const INDEXED: readonly string[] = ["FAILED", "TIMED_OUT", "ABORTED"] satisfies IndexedStatus[];

/** True for SUCCEEDED, FAILED, TIMED_OUT and ABORTED: an attempt that has closed and will never change. */
export function isClosedStatus(status: string): boolean {
  return status === "SUCCEEDED" || INDEXED.includes(status);
}

// The order of precedence of two changes of one execution, as a tuple compared left to right:
// a later attempt (redrive) wins; within an attempt a closed status wins over RUNNING; the rest only make the
// choice the same whatever order the changes arrive in (two closes of one attempt don't happen in AWS).
function rank(c: ExecutionStatusChange): (number | string)[] {
  return [c.redriveCount, isClosedStatus(c.status) ? 1 : 0, c.stopMs ?? -1, c.status, c.startMs, c.eventId ?? ""];
}

function compare(a: ExecutionStatusChange, b: ExecutionStatusChange): number {
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) {
    if (ra[i] === rb[i]) continue;
    return ra[i]! < rb[i]! ? -1 : 1;
  }
  return 0;
}

/**
 * The merge rule of event ingest: of what is known of an execution and a new change, the one that stands.
 * Closed wins over RUNNING, a redrive's attempt over the attempt it redrove; a duplicate or an out-of-order
 * delivery changes nothing. Commutative, associative and idempotent, so any order of deliveries folds the same.
 */
export function mergeStatusChange(current: ExecutionStatusChange | null, incoming: ExecutionStatusChange): ExecutionStatusChange {
  if (current === null) return incoming;
  return compare(incoming, current) > 0 ? incoming : current;
}

/** Whether `incoming` would change what is known (false for duplicates and for stale, out-of-order deliveries). */
export function changesAnything(current: ExecutionStatusChange | null, incoming: ExecutionStatusChange): boolean {
  return current === null || compare(incoming, current) > 0;
}

/** Folds a batch of changes into the standing change per execution ARN. */
export function foldStatusChanges(changes: readonly ExecutionStatusChange[]): Map<string, ExecutionStatusChange> {
  const byArn = new Map<string, ExecutionStatusChange>();
  for (const c of changes) byArn.set(c.executionArn, mergeStatusChange(byArn.get(c.executionArn) ?? null, c));
  return byArn;
}

/**
 * The attempts a batch closes badly, each once: every FAILED / TIMED_OUT / ABORTED change, deduplicated by
 * (execution, redrive count). Kept per attempt, not per execution: a failure that was redriven and failed again
 * is two rows of the index, whichever arrives first.
 */
export function failedAttempts(changes: readonly ExecutionStatusChange[]): ExecutionStatusChange[] {
  const byAttempt = new Map<string, ExecutionStatusChange>();
  for (const c of changes) {
    if (!INDEXED.includes(c.status)) continue;
    const key = `${c.executionArn}|${c.redriveCount}`;
    byAttempt.set(key, mergeStatusChange(byAttempt.get(key) ?? null, c));
  }
  return [...byAttempt.values()];
}
