import "server-only";

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
}

/** A set of token buckets; `take` waits until the call fits in the budget. */
export function createBudget(options: { share?: number; clock?: () => number; sleep?: (ms: number) => Promise<void> } = {}) {
  const raw = options.share ?? Number(process.env.SFN_TRIAGE_QUOTA_SHARE || 0.5);
  // NaN or ≤ 0 would make take() wait forever; above 1 would spend more than the account's quota.
  const share = Number.isFinite(raw) && raw > 0 ? Math.min(raw, 1) : 0.5;
  const clock = options.clock ?? (() => Date.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const buckets = new Map<string, Bucket>();

  function bucketFor(api: string, region: string): Bucket {
    const key = `${region}:${api}`;
    let bucket = buckets.get(key);
    if (!bucket) {
      const full = quotaFor(api, region);
      const quota = { size: Math.max(1, Math.floor(full.size * share)), refillPerSecond: full.refillPerSecond * share };
      bucket = { tokens: quota.size, updatedMs: clock(), quota };
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
    /** Waits for one token of `api` in `region`, then spends it. */
    async take(api: string, region: string): Promise<void> {
      const bucket = bucketFor(api, region);
      for (;;) {
        refill(bucket);
        if (bucket.tokens >= 1) {
          bucket.tokens -= 1;
          return;
        }
        await sleep(Math.ceil(((1 - bucket.tokens) / bucket.quota.refillPerSecond) * 1000));
      }
    },
    /** Tokens left now, for the status line and tests. */
    available(api: string, region: string): number {
      const bucket = bucketFor(api, region);
      refill(bucket);
      return bucket.tokens;
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
export async function withBudget<T>(api: string, region: string, call: () => Promise<T>): Promise<T> {
  await sharedBudget().take(api, region);
  return call();
}
