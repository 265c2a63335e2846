import type { LeaseStatus } from "./store/lease";

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
  /** This process's part in the poll lease: leader (polls AWS) or follower (serves from the shared index). */
  replica: { role: LeaseStatus["role"]; lease: LeaseStatus["kind"]; self: string | null; holder: string | null; holderAgeMs: number | null; error: string | null };
}

/** Cycles a poller may miss (a slow AWS, a backoff) before the process reports itself unhealthy. */
export const STALE_AFTER_INTERVALS = 4;

/**
 * Health from what the process knows, without calling AWS: the auth setting is well formed, and the
 * poller has succeeded within a few intervals (counted from process start before its first success).
 */
export function assessHealth(input: { authProblem: string | null; accountsProblem?: string | null; poll: PollFreshness; startedAtMs: number; nowMs: number; lease?: LeaseStatus }): Health {
  const { poll, nowMs, lease } = input;
  const reasons: string[] = [];
  if (input.authProblem) reasons.push(`authentication is misconfigured: ${input.authProblem}`);
  // A malformed SFN_TRIAGE_ACCOUNTS polls nothing: unhealthy at once, not after four intervals.
  if (input.accountsProblem) reasons.push(input.accountsProblem);
  const limitMs = poll.pollIntervalMs * STALE_AFTER_INTERVALS;
  const updatedMs = poll.updatedAt ? Date.parse(poll.updatedAt) : null;
  const ageMs = updatedMs === null ? null : Math.max(0, nowMs - updatedMs);
  const follower = lease?.role === "follower";
  // A replica that has just taken the lease over is judged from then on: its first cycle is under way.
  const leadingSinceMs = !follower && lease?.kind === "postgres" && lease.holder ? lease.holder.sinceMs : -Infinity;
  const since = Math.max(updatedMs ?? input.startedAtMs, leadingSinceMs);
  // A follower does not poll: the leader's freshness is its own health's business. A follower is unhealthy only
  // when it cannot reach the shared database (it could neither serve the index nor take over).
  const contactMs = lease?.lastContactMs ?? input.startedAtMs;
  if (follower && nowMs - contactMs > limitMs) {
    reasons.push(`this replica has not reached the shared database in ${Math.round((nowMs - contactMs) / 1000)} s${lease?.error ? ` (${lease.error})` : ""}`);
  }
  if (!follower && nowMs - since > limitMs) {
    const why = poll.error ? ` (last error: ${poll.error.kind})` : "";
    reasons.push(
      updatedMs === null || since === leadingSinceMs
        ? `the poller has not completed a cycle in ${Math.round((nowMs - since) / 1000)} s since ${since === leadingSinceMs ? "this replica took the poll lease" : "start"}${why}`
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
    replica: {
      role: lease?.role ?? "leader",
      lease: lease?.kind ?? "sole",
      self: lease?.self ?? null,
      holder: lease?.holder?.id ?? null,
      holderAgeMs: lease?.holder ? Math.max(0, nowMs - lease.holder.sinceMs) : null,
      error: lease?.error ?? null,
    },
  };
}
