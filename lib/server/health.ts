/** What a supervisor needs to know of the poller: the fields of the fleet snapshot about freshness. */
export interface PollFreshness {
  updatedAt: string | null;
  lastAttemptAt: string | null;
  error: { kind: string; message: string } | null;
  pollIntervalMs: number;
  /** Watched accounts with their last error (absent in older callers: one account). */
  accounts?: { accountId: string | null; name: string; error: { kind: string; message: string } | null }[];
}

/** The health answer: 200 when serving right, 503 with the reasons when a supervisor should act. */
export interface Health {
  ok: boolean;
  status: 200 | 503;
  reasons: string[];
  poll: { updatedAt: string | null; ageMs: number | null; error: string | null };
  /** True while some watched accounts fail and others poll: still 200 (see docs/accounts.md). */
  degraded: boolean;
  /** One line per failing account: "payments (111122223333): Could not assume arn:…: AccessDenied: …". */
  accounts: string[];
}

/** Cycles a poller may miss (a slow AWS, a backoff) before the process reports itself unhealthy. */
export const STALE_AFTER_INTERVALS = 4;

/**
 * Health from what the process knows, without calling AWS: the auth setting is well formed, and the
 * poller has succeeded within a few intervals (counted from process start before its first success).
 */
export function assessHealth(input: { authProblem: string | null; accountsProblem?: string | null; poll: PollFreshness; startedAtMs: number; nowMs: number }): Health {
  const { poll, nowMs } = input;
  const reasons: string[] = [];
  if (input.authProblem) reasons.push(`authentication is misconfigured: ${input.authProblem}`);
  // A malformed SFN_TRIAGE_ACCOUNTS polls nothing: unhealthy at once, not after four intervals.
  if (input.accountsProblem) reasons.push(input.accountsProblem);
  const limitMs = poll.pollIntervalMs * STALE_AFTER_INTERVALS;
  const updatedMs = poll.updatedAt ? Date.parse(poll.updatedAt) : null;
  const ageMs = updatedMs === null ? null : Math.max(0, nowMs - updatedMs);
  const since = updatedMs ?? input.startedAtMs;
  if (nowMs - since > limitMs) {
    const why = poll.error ? ` (last error: ${poll.error.kind})` : "";
    reasons.push(
      updatedMs === null
        ? `the poller has not completed a cycle in ${Math.round((nowMs - since) / 1000)} s since start${why}`
        : `the poller's last success was ${Math.round((ageMs ?? 0) / 1000)} s ago, over ${STALE_AFTER_INTERVALS} intervals${why}`,
    );
  }
  // Some accounts failing while others poll is degraded, not down: a restart can't fix another account's
  // trust policy, and a supervisor restarting on 503 would take the healthy accounts down with it.
  const accounts = (poll.accounts ?? []).flatMap((a) => (a.error ? [`${a.accountId && a.name !== a.accountId ? `${a.name} (${a.accountId})` : a.name}: ${a.error.message}`] : []));
  return {
    ok: reasons.length === 0,
    status: reasons.length === 0 ? 200 : 503,
    reasons,
    poll: { updatedAt: poll.updatedAt, ageMs, error: poll.error?.kind ?? null },
    degraded: accounts.length > 0,
    accounts,
  };
}
