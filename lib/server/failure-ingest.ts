import "server-only";
import type * as aws from "@/lib/aws";
import { isAwsFailure } from "@/lib/aws/errors";
import type { ExecutionSummary } from "@/lib/domain/execution";
import type { HistoryEvent } from "@/lib/domain/history-event";
import type { IndexedStatus } from "@/lib/domain/failures";
import type { Budget } from "./budget";
import { summariseFailure } from "./failure-summary";
import type { FailureStore } from "./store/failure-store";
import { keyOf, type FailureDetails, type FailureKey, type ListedFailure } from "./store/rows";

/** What ingestion calls; the poller passes its own (budgeted) dependencies. */
export interface IngestDeps {
  listExecutionsPage: typeof aws.listExecutionsPage;
  getExecutionHistoryPage: typeof aws.getExecutionHistoryPage;
  budget: Budget;
  store: FailureStore;
  now: () => number;
  /**
   * The state machine's definition as last described, if known: a Fail state's Error lives only there when a
   * Catch of an enclosing Parallel handled it, and the signature needs that origin error.
   */
  definitionOf?: (stateMachineArn: string) => string | null;
}

/** Tunables of one cycle's ingestion (from the environment in production). */
export interface IngestLimits {
  /** ListExecutions page size (the API allows up to 1,000). */
  pageSize: number;
  /** GetExecutionHistory tokens left untouched for the triage pages. */
  historyReserve: number;
  /** Most failure details read per cycle, whatever the budget. */
  maxDetailsPerCycle: number;
  /** Failures older than this (the retention age) are not paged for. */
  maxAgeMs: number;
}

/** One state machine to page, with the start time below which a newly closed execution cannot hide. */
export interface IngestTarget {
  stateMachineArn: string;
  region: string;
  /** Oldest start of the executions RUNNING at the previous cycle (null: none were running). */
  runningSinceMs: number | null;
  /** The statuses to list this cycle (the poll planner's choice); all three when absent. */
  statuses?: readonly IndexedStatus[];
}

// Failure details written per transaction.
const DETAILS_BATCH = 25;

// Pages read past the first page that holds indexed executions, looking for late closers (see pageFrom).
const MAX_PAGES_PAST_KNOWN = 2;

const STATUSES = ["FAILED", "TIMED_OUT", "ABORTED"] as const satisfies readonly IndexedStatus[];

function toListed(e: ExecutionSummary): ListedFailure {
  return {
    executionArn: e.executionArn,
    redriveCount: e.redriveCount ?? 0,
    stateMachineArn: e.stateMachineArn,
    versionArn: e.stateMachineVersionArn ?? null,
    aliasArn: e.stateMachineAliasArn ?? null,
    name: e.name,
    status: e.status as IndexedStatus,
    startMs: Date.parse(e.startDate),
    stopMs: Date.parse(e.stopDate ?? e.startDate),
  };
}

/** The error the execution ended with: the terminal event is the first of a newest-first page. */
function finalErrorOf(eventsNewestFirst: readonly HistoryEvent[]): string | null {
  for (const event of eventsNewestFirst) {
    if (event.type !== "ExecutionFailed" && event.type !== "ExecutionTimedOut" && event.type !== "ExecutionAborted") continue;
    const details = Object.entries(event).find(([k]) => k.endsWith("EventDetails"))?.[1] as { error?: unknown } | undefined;
    return typeof details?.error === "string" ? details.error : null;
  }
  return null;
}

/**
 * Pages ListExecutions newest first into the failure index until it reaches executions already indexed,
 * within the quota budget; where the budget runs out first, the page token is kept as a gap and read on
 * later cycles, so a burst of any size is indexed in full. Then reads failure details, newest first.
 */
export class FailureIngest {
  constructor(
    private readonly deps: IngestDeps,
    private readonly limits: () => IngestLimits,
  ) {}

  /**
   * One cycle over these state machines; returns how many failures were newly listed. Gaps left by earlier
   * cycles are read for `gapTargets` (default: the same state machines), listed this cycle or not.
   */
  async run(targets: readonly IngestTarget[], gapTargets: readonly IngestTarget[] = targets): Promise<number> {
    // Heads in parallel (as the RUNNING lists are): a slow ListExecutions costs one round trip per cycle, not one
    // per state machine and status. The budget still holds each call to its quota.
    const heads = await Promise.all(targets.flatMap((target) => STATUSES.filter((s) => !target.statuses || target.statuses.includes(s)).map((status) => this.pageHead(target, status))));
    let listed = heads.reduce((sum, n) => sum + n, 0);
    listed += await this.pageGaps(gapTargets);
    // Only these state machines' failures: another account's (or region's) run reads its own, with its own
    // credentials and quota, so one account whose role can't be assumed doesn't fail the others' cycles.
    await this.readDetails(new Set(gapTargets.map((t) => t.stateMachineArn)));
    return listed;
  }

  /** Tokens left in the bucket of the ARN's account and region. */
  private hasToken(api: string, arn: string, region: string, reserve = 0): boolean {
    return this.deps.budget.available(api, region, accountOf(arn)) >= 1 + reserve;
  }

  private gapId(target: IngestTarget, status: string): string {
    return `${keyOf({ executionArn: target.stateMachineArn, redriveCount: 0 })}|${status}|${this.deps.now()}`;
  }

  /**
   * Pages one page after another while every execution on the page is new. ListExecutions sorts by start
   * time, so an execution that started before others but closed after them sits below executions already
   * indexed: paging goes on past them until the page reaches back to the oldest execution that was running.
   */
  private async pageFrom(target: IngestTarget, status: IndexedStatus, token: string | undefined, first: boolean): Promise<{ listed: number; stoppedAt: string | null }> {
    const { pageSize, maxAgeMs } = this.limits();
    const cutoff = this.deps.now() - maxAgeMs;
    let listed = 0;
    let nextToken = token;
    let pagesPastKnown = 0;
    for (let page = 0; ; page++) {
      // The head's first page is the cycle's core call: it waits for its token. Later pages only spend what is there.
      const account = accountOf(target.stateMachineArn);
      if (first && page === 0) await this.deps.budget.take("ListExecutions", target.region, { account });
      else if (this.hasToken("ListExecutions", target.stateMachineArn, target.region)) await this.deps.budget.take("ListExecutions", target.region, { account });
      else return { listed, stoppedAt: nextToken ?? null };
      const result = await this.deps.listExecutionsPage({ stateMachineArn: target.stateMachineArn, statusFilter: status, maxResults: pageSize, nextToken });
      const rows = result.executions.filter((e) => e.stopDate !== null).map(toListed).filter((r) => r.stopMs >= cutoff);
      const known = await this.deps.store.knownKeys(rows);
      const fresh = rows.filter((r) => !known.has(keyOf(r)));
      listed += await this.deps.store.recordListed(fresh, this.deps.now());
      const oldestStart = Math.min(...result.executions.map((e) => Date.parse(e.startDate)));
      if (known.size > 0) pagesPastKnown += 1;
      // Bounded: a callback that waits for a week must not make every cycle page through a week of failures.
      const reachedKnown = known.size > 0 && (target.runningSinceMs === null || oldestStart <= target.runningSinceMs || pagesPastKnown > MAX_PAGES_PAST_KNOWN);
      const reachedRetention = rows.length < result.executions.length;
      if (reachedKnown || reachedRetention || !result.nextToken) return { listed, stoppedAt: null };
      nextToken = result.nextToken;
    }
  }

  private async pageHead(target: IngestTarget, status: IndexedStatus): Promise<number> {
    const { listed, stoppedAt } = await this.pageFrom(target, status, undefined, true);
    if (stoppedAt) await this.deps.store.addGap({ id: this.gapId(target, status), stateMachineArn: target.stateMachineArn, status, nextToken: stoppedAt }, this.deps.now());
    return listed;
  }

  private async pageGaps(targets: readonly IngestTarget[]): Promise<number> {
    const byArn = new Map(targets.map((t) => [t.stateMachineArn, t]));
    let listed = 0;
    for (const gap of await this.deps.store.gaps()) {
      const target = byArn.get(gap.stateMachineArn);
      if (!target) continue;
      if (!this.hasToken("ListExecutions", target.stateMachineArn, target.region)) break;
      try {
        const result = await this.pageFrom(target, gap.status as IndexedStatus, gap.nextToken, false);
        listed += result.listed;
        if (result.stoppedAt) await this.deps.store.addGap({ ...gap, id: gap.id, nextToken: result.stoppedAt }, this.deps.now());
        else await this.deps.store.removeGap(gap.id);
      } catch (error) {
        // A page token lives 24 h: past that the rest of the gap can't be read. Say so, don't loop on it.
        if (!(isAwsFailure(error) && error.kind === "invalid-token")) throw error;
        await this.deps.store.removeGap(gap.id);
        await this.deps.store.countDrop("expired-tokens", 1);
      }
    }
    return listed;
  }

  /** Reads the newest history page of pending failures, newest first, while the budget has tokens beyond the reserve. */
  private async readDetails(stateMachineArns: ReadonlySet<string>): Promise<void> {
    const { historyReserve, maxDetailsPerCycle } = this.limits();
    const pending = await this.deps.store.pendingDetails(maxDetailsPerCycle, [...stateMachineArns]);
    const batch: { key: FailureKey; details: FailureDetails }[] = [];
    try {
      for (const failure of pending) {
        if (!this.hasToken("GetExecutionHistory", failure.executionArn, failure.region, historyReserve)) break;
        await this.deps.budget.take("GetExecutionHistory", failure.region, { account: accountOf(failure.executionArn) });
        batch.push({ key: failure, details: await readFailureDetails(this.deps, failure) });
        // Written in small batches: one transaction each, and a fault mid-cycle loses at most one batch of reads.
        if (batch.length >= DETAILS_BATCH) await this.deps.store.recordDetailsMany(batch.splice(0));
      }
    } finally {
      await this.deps.store.recordDetailsMany(batch.splice(0));
    }
  }
}

/** Reads a failure's details: its newest history page, one reverse page without payloads (the newest events hold the failure). */
export async function readFailureDetails(
  deps: Pick<IngestDeps, "getExecutionHistoryPage" | "now" | "definitionOf">,
  failure: { executionArn: string; stateMachineArn: string },
): Promise<FailureDetails> {
  try {
    const page = await deps.getExecutionHistoryPage(failure.executionArn, { reverseOrder: true, maxResults: 100, includeExecutionData: false });
    return toDetails(page.events, deps.now(), deps.definitionOf?.(failure.stateMachineArn) ?? null);
  } catch (error) {
    // The execution is gone (AWS keeps a closed execution's history for 90 days; an index can outlive it): its
    // details stay unknown, and the cycle goes on. Any other error is the cycle's, and the read is tried again.
    if (isAwsFailure(error) && error.kind === "not-found") return toDetails([], deps.now());
    throw error;
  }
}

/** The account of a state machine or execution ARN (null when unreadable: the default account's bucket). */
function accountOf(arn: string): string | null {
  return /^arn:[^:]+:states:[^:]+:(\d{12}):/.exec(arn)?.[1] ?? null;
}

/** The index's details of a failure from its newest history page (all null when the page can't be read). */
export function toDetails(eventsNewestFirst: readonly HistoryEvent[], nowMs: number, definition: string | null = null): FailureDetails {
  const summary = summariseFailure(eventsNewestFirst, nowMs, definition);
  // A caught error that ended in a Fail state (Catch → … → Fail) is indexed by where it was raised: its
  // signature is the root cause, so "Payment.Declined in AuthorizePayment" and "Inventory.Short" don't merge.
  const origin = summary?.origin ?? null;
  return {
    originState: origin?.state ?? summary?.state ?? null,
    originPath: origin?.path ?? summary?.path ?? null,
    originError: origin?.error ?? summary?.error ?? null,
    originCause: origin?.cause ?? summary?.cause ?? null,
    finalError: finalErrorOf(eventsNewestFirst),
    kind: summary?.kind ?? null,
  };
}
