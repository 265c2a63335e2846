/**
 * Per-client limits, applied in proxy.ts before a request can reach the AWS budget. No `server-only`
 * import: the proxy bundle loads this too. State lives in this module: one process, one set of limits.
 */

/** A token bucket per client key; the number of keys kept is bounded (oldest forgotten first). */
export class ClientRateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly options: { burst: number; perSecond: number; maxClients?: number; clock?: () => number },
  ) {}

  /** Spends one request of `key`; returns 0 when allowed, else the seconds to wait (for Retry-After). */
  take(key: string): number {
    const now = (this.options.clock ?? Date.now)();
    const { burst, perSecond } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    // Re-insert so the Map's order is least-recently-seen first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > (this.options.maxClients ?? 10_000)) this.buckets.delete(this.buckets.keys().next().value as string);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.max(1, Math.ceil((1 - bucket.tokens) / perSecond));
  }
}

/**
 * Failed logins per client, with exponential backoff: once `free` attempts have failed, each failure doubles
 * the time the client must wait (capped), and while it waits its attempts are refused before any
 * password hashing runs. A success clears the record.
 */
export class FailedLoginLimiter {
  private readonly failures = new Map<string, { count: number; blockedUntil: number }>();

  constructor(private readonly options: { free: number; baseMs: number; maxMs: number; maxClients?: number; clock?: () => number }) {}

  private now(): number {
    return (this.options.clock ?? Date.now)();
  }

  /** Seconds `key` must still wait before its next attempt is checked; 0 when it may try now. */
  retryAfterSeconds(key: string): number {
    const record = this.failures.get(key);
    if (!record) return 0;
    const waitMs = record.blockedUntil - this.now();
    return waitMs > 0 ? Math.ceil(waitMs / 1000) : 0;
  }

  failed(key: string): void {
    const record = this.failures.get(key) ?? { count: 0, blockedUntil: 0 };
    record.count += 1;
    const over = record.count - this.options.free + 1;
    if (over > 0) record.blockedUntil = this.now() + Math.min(this.options.maxMs, this.options.baseMs * 2 ** (over - 1));
    this.failures.delete(key);
    this.failures.set(key, record);
    if (this.failures.size > (this.options.maxClients ?? 10_000)) this.failures.delete(this.failures.keys().next().value as string);
  }

  succeeded(key: string): void {
    this.failures.delete(key);
  }
}

/**
 * Who is asking. Next fills X-Forwarded-For from the socket only when the request has none, so on a direct
 * connection a client can choose its own key by sending one: the per-client limits then slow honest clients
 * and casual floods, while the global bounds (two password hashes at a time, a short queue, the budget's
 * reserve for the poller) hold whatever the key. Behind a proxy that sets the header (SFN_TRIAGE_TRUST_PROXY=1)
 * its first entry is the client; otherwise the last entry (the one Next or the nearest hop wrote).
 */
export function clientKey(headers: Headers, trustProxy = process.env.SFN_TRIAGE_TRUST_PROXY === "1"): string {
  const forwarded = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);
  if (forwarded.length === 0) return headers.get("x-real-ip")?.trim() || "unknown";
  return (trustProxy ? forwarded[0] : forwarded[forwarded.length - 1])!;
}
