import "server-only";
import { requestSignal } from "./request-scope";

/**
 * Token buckets per AWS API and region, sized from the Step Functions quotas (AWS-FACTS.md: API quotas).
 * The account's buckets are shared with every other tool, so the dashboard spends only a share of
 * each refill rate (SFN_TRIAGE_QUOTA_SHARE, default 0.5): a busy dashboard must never throttle the pipelines.
 */

interface Quota {
  size: number;
  refillPerSecond: number;
}

const HIGH_TIER_REGIONS = new Set(["us-east-1", "us-west-2", "eu-west-1"]);

// Step Functions quotas, token bucket size / refill per second (AWS-FACTS.md, late 2025).
const SFN_QUOTAS: Record<string, { high: Quota; other: Quota }> = {
  ListExecutions: { high: { size: 200, refillPerSecond: 5 }, other: { size: 100, refillPerSecond: 2 } },
  DescribeExecution: { high: { size: 300, refillPerSecond: 15 }, other: { size: 250, refillPerSecond: 10 } },
  GetExecutionHistory: { high: { size: 400, refillPerSecond: 20 }, other: { size: 400, refillPerSecond: 20 } },
  DescribeStateMachine: { high: { size: 200, refillPerSecond: 20 }, other: { size: 200, refillPerSecond: 20 } },
  ListStateMachines: { high: { size: 100, refillPerSecond: 5 }, other: { size: 100, refillPerSecond: 5 } },
  DescribeStateMachineForExecution: { high: { size: 200, refillPerSecond: 1 }, other: { size: 200, refillPerSecond: 1 } },
};

// CloudWatch's own quotas are far larger; a modest bucket keeps a runaway loop from spending them.
const DEFAULT_QUOTA: Quota = { size: 50, refillPerSecond: 5 };

/** The quota of one API in one region, before the dashboard's share is applied. */
export function quotaFor(api: string, region: string): Quota {
  const row = SFN_QUOTAS[api];
  if (!row) return DEFAULT_QUOTA;
  return HIGH_TIER_REGIONS.has(region) ? row.high : row.other;
}

interface Bucket {
  tokens: number;
  updatedMs: number;
  quota: Quota;
  waiting: number;
}

/**
 * Who is asking, in the order the quota serves them. The poller keeps the fleet and the index right for
 * everyone; an execution already known (in the index or the fleet) is worth a call; a visitor asking for
 * something we have never seen (a typo, a crawler, a flood of made-up ARNs) gets only what is left above
 * the reserve, and never waits long.
 */
export type BudgetPriority = "poller" | "known" | "visitor";

/**
 * Share of each bucket a priority may not spend: visitors stop at half, so the other half is always there
 * for the poller and for executions already known (which share it, first come first served: a poller
 * configured to poll faster than the quota refills must not lock the pages out).
 */
const RESERVE: Record<BudgetPriority, number> = { poller: 0, known: 0, visitor: 0.5 };
/** How long a take may wait by default before it gives up (the poller waits as long as it must). */
const DEFAULT_DEADLINE_MS: Record<BudgetPriority, number> = { poller: Number.POSITIVE_INFINITY, known: 15_000, visitor: 3_000 };
/** Waiters per bucket beyond which a new (non-poller) take is refused at once instead of queueing. */
const MAX_WAITING = 50;

/** Options of one take. */
export interface TakeOptions {
  priority?: BudgetPriority;
  /** Give up at this many ms from now (default by priority). */
  deadlineMs?: number;
  /** Give up when the request that wanted the call is gone. */
  signal?: AbortSignal;
  /** The account the call goes to: quotas are per account and region (default: the default chain's account). */
  account?: string | null;
}

/** A take that could not be served in time: answered like AWS throttling, before AWS is asked. */
export class BudgetExceededError extends Error {
  readonly source = "aws" as const;
  readonly kind = "throttled" as const;
  readonly retryable = true;
  constructor(
    readonly operation: string,
    reason: string,
  ) {
    super(`${operation}: the dashboard's share of the quota is spent (${reason})`);
    this.name = "BudgetExceededError";
  }
}

/** The share of each quota the dashboard spends: `share` when given, else SFN_TRIAGE_QUOTA_SHARE, default 0.5. */
export function quotaShare(given?: number): number {
  const raw = given ?? Number(process.env.SFN_TRIAGE_QUOTA_SHARE || 0.5);
  // NaN or ≤ 0 would make take() wait forever; above 1 would spend more than the account's quota.
  return Number.isFinite(raw) && raw > 0 ? Math.min(raw, 1) : 0.5;
}

/** A set of token buckets; `take` waits until the call fits in the budget, within its deadline. */
export function createBudget(options: { share?: number; clock?: () => number; sleep?: (ms: number) => Promise<void> } = {}) {
  const share = quotaShare(options.share);
  const clock = options.clock ?? (() => Date.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const buckets = new Map<string, Bucket>();
  const spent = new Map<string, number>();

  // Step Functions quotas are per account and region: one account's poll must not spend another's tokens.
  function bucketFor(api: string, region: string, account: string | null | undefined): Bucket {
    const key = `${account ?? "default"}/${region}:${api}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      const full = quotaFor(api, region);
      const quota = { size: Math.max(1, Math.floor(full.size * share)), refillPerSecond: full.refillPerSecond * share };
      bucket = { tokens: quota.size, updatedMs: clock(), quota, waiting: 0 };
      buckets.set(key, bucket);
    }
    return bucket;
  }

  function refill(bucket: Bucket) {
    const now = clock();
    const elapsedS = (now - bucket.updatedMs) / 1000;
    bucket.tokens = Math.min(bucket.quota.size, bucket.tokens + elapsedS * bucket.quota.refillPerSecond);
    bucket.updatedMs = now;
  }

  return {
    /**
     * Waits for one token of `api` in `region`, then spends it. Lower priorities leave a reserve for
     * higher ones; a take that can't be served before its deadline (or whose request was aborted)
     * throws BudgetExceededError without having spent anything.
     */
    async take(api: string, region: string, take: TakeOptions = {}): Promise<void> {
      const priority = take.priority ?? "poller";
      // A take made while serving a request is abandoned when that request is gone (request-scope.ts).
      const signal = take.signal ?? requestSignal();
      const bucket = bucketFor(api, region, take.account);
      const floor = RESERVE[priority] * bucket.quota.size;
      const deadline = clock() + (take.deadlineMs ?? DEFAULT_DEADLINE_MS[priority]);
      if (priority !== "poller" && bucket.waiting >= MAX_WAITING) throw new BudgetExceededError(api, `${bucket.waiting} calls already waiting`);
      bucket.waiting += 1;
      try {
        for (;;) {
          if (signal?.aborted) throw new BudgetExceededError(api, "the request was abandoned");
          refill(bucket);
          if (bucket.tokens - floor >= 1) {
            bucket.tokens -= 1;
            spent.set(api, (spent.get(api) ?? 0) + 1);
            return;
          }
          const waitMs = Math.ceil(((1 + floor - bucket.tokens) / bucket.quota.refillPerSecond) * 1000);
          if (clock() + waitMs > deadline) throw new BudgetExceededError(api, `a ${priority} call would wait ${waitMs} ms`);
          // With a signal, wake at least every second, so an abandoned request stops waiting soon after it is gone.
          await sleep(signal ? Math.min(waitMs, 1_000) : waitMs);
        }
      } finally {
        bucket.waiting -= 1;
      }
    },
    /** Tokens left now in an account's bucket, for the status line and tests. */
    available(api: string, region: string, account?: string | null): number {
      const bucket = bucketFor(api, region, account);
      refill(bucket);
      return bucket.tokens;
    },
    /** Calls granted so far, per API (bench and health). */
    spent(): Record<string, number> {
      return Object.fromEntries(spent);
    },
  };
}

export type Budget = ReturnType<typeof createBudget>;

const holder = globalThis as typeof globalThis & { __sfnTriageBudget?: Budget };

/** The process-wide budget: the poller, the triage pages and the state machine pages draw on the same buckets. */
export function sharedBudget(): Budget {
  if (!holder.__sfnTriageBudget) holder.__sfnTriageBudget = createBudget();
  return holder.__sfnTriageBudget;
}

/** Runs one AWS call once the shared budget has a token for it. */
export async function withBudget<T>(api: string, region: string, call: () => Promise<T>, take: TakeOptions = {}): Promise<T> {
  await sharedBudget().take(api, region, take);
  return call();
}
