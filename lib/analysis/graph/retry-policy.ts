import { formatSeconds } from "../format";
import type { RetryPolicy } from "./state-graph-model";

/** Seconds for people ("45 s", "1 min 30 s", "∞"): lib/analysis/format's, re-exported for the graph's callers. */
export { formatSeconds };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const num = (v: unknown, fallback: number): number => (typeof v === "number" && Number.isFinite(v) ? v : fallback);

/** Beyond this many retries the waits are summed in closed form (MaxAttempts may be 99,999,999). */
const STEP_LIMIT = 1_000;

/**
 * The longest a retrier can sleep in total: IntervalSeconds × BackoffRate^n for each retry, each capped by
 * MaxDelaySeconds. JitterStrategy FULL draws each wait from [0, that value], so it only ever shortens it.
 */
export function worstCaseRetryWaitSeconds(policy: Omit<RetryPolicy, "worstCaseWaitSeconds" | "index" | "errorEquals">): number {
  const cap = policy.maxDelaySeconds ?? Infinity;
  let total = 0;
  let wait = policy.intervalSeconds;
  for (let attempt = 0; attempt < policy.maxAttempts; attempt += 1) {
    const capped = Math.min(wait, cap);
    const flat = capped === cap || policy.backoffRate <= 1 || !Number.isFinite(wait);
    if (flat || attempt >= STEP_LIMIT) return total + capped * (policy.maxAttempts - attempt);
    total += capped;
    wait *= policy.backoffRate;
  }
  return total;
}

/** Reads a state's Retry array with the AWS defaults (IntervalSeconds 1, MaxAttempts 3, BackoffRate 2.0). */
export function readRetryPolicies(retry: unknown): RetryPolicy[] {
  if (!Array.isArray(retry)) return [];
  return retry.filter(isObject).map((raw, index) => {
    const policy = {
      intervalSeconds: num(raw.IntervalSeconds, 1),
      maxAttempts: Math.max(0, num(raw.MaxAttempts, 3)),
      backoffRate: num(raw.BackoffRate, 2),
      maxDelaySeconds: typeof raw.MaxDelaySeconds === "number" ? raw.MaxDelaySeconds : null,
      jitter: raw.JitterStrategy === "FULL" ? ("FULL" as const) : ("NONE" as const),
    };
    return {
      index,
      errorEquals: Array.isArray(raw.ErrorEquals) ? raw.ErrorEquals.filter((e): e is string => typeof e === "string") : [],
      ...policy,
      worstCaseWaitSeconds: worstCaseRetryWaitSeconds(policy),
    };
  });
}

/** Sum of every retrier's worst case: each retrier counts its own attempts, so errors can take turns. */
export function totalWorstCaseRetryWaitSeconds(policies: readonly RetryPolicy[]): number {
  return policies.reduce((sum, p) => sum + p.worstCaseWaitSeconds, 0);
}

/** "3× from 1 s ×2 (≤ 7 s)" — a retrier in one line. */
export function describeRetryPolicy(p: RetryPolicy): string {
  const cap = p.maxDelaySeconds === null ? "" : `, cap ${formatSeconds(p.maxDelaySeconds)}`;
  const jitter = p.jitter === "FULL" ? ", full jitter" : "";
  if (p.maxAttempts === 0) return `${p.errorEquals.join(", ")}: never retried (MaxAttempts 0)`;
  return `${p.errorEquals.join(", ")}: ${p.maxAttempts}× from ${formatSeconds(p.intervalSeconds)} ×${p.backoffRate}${cap}${jitter} (waits ≤ ${formatSeconds(p.worstCaseWaitSeconds)})`;
}

