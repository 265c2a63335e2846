import { describe, expect, it } from "vitest";
import { assessHealth } from "./health";
import type { LeaseStatus } from "./store/lease";

const START = Date.parse("2026-12-01T10:00:00Z");
const poll = (updatedAt: string | null, error: { kind: string; message: string } | null = null) => ({ updatedAt, lastAttemptAt: updatedAt, error, pollIntervalMs: 30_000 });

describe("assessHealth", () => {
  it("is healthy right after start and while polls succeed", () => {
    expect(assessHealth({ authProblem: null, poll: poll(null), startedAtMs: START, nowMs: START + 5_000 })).toMatchObject({ ok: true, status: 200 });
    const fresh = assessHealth({ authProblem: null, poll: poll("2026-12-01T10:05:00Z"), startedAtMs: START, nowMs: Date.parse("2026-12-01T10:05:40Z") });
    expect(fresh).toMatchObject({ ok: true, status: 200, poll: { ageMs: 40_000 } });
  });

  it("is unhealthy when the poller has not succeeded within four intervals, naming the last error", () => {
    const never = assessHealth({ authProblem: null, poll: poll(null, { kind: "expired-credentials", message: "x" }), startedAtMs: START, nowMs: START + 121_000 });
    expect(never.status).toBe(503);
    expect(never.reasons[0]).toMatch(/not completed a cycle in 121 s since start \(last error: expired-credentials\)/);
    const stale = assessHealth({ authProblem: null, poll: poll("2026-12-01T10:00:00Z"), startedAtMs: START, nowMs: START + 200_000 });
    expect(stale.status).toBe(503);
    expect(stale.reasons[0]).toMatch(/last success was 200 s ago/);
  });

  it("is unhealthy when authentication is misconfigured", () => {
    const health = assessHealth({ authProblem: "SFN_TRIAGE_BASIC_AUTH must be user:scrypt:…", poll: poll(null), startedAtMs: START, nowMs: START });
    expect(health).toMatchObject({ ok: false, status: 503 });
    expect(health.reasons).toEqual(["authentication is misconfigured: SFN_TRIAGE_BASIC_AUTH must be user:scrypt:…"]);
  });
});

describe("assessHealth with several replicas", () => {
  const lease = (over: Partial<LeaseStatus>): LeaseStatus => ({ role: "follower", kind: "postgres", self: "b/2", holder: { id: "a/1", sinceMs: START - 60_000 }, lastContactMs: START + 190_000, error: null, ...over });

  it("keeps a follower healthy while the leader polls (its own poll age is not its business), and names the holder and its age", () => {
    const health = assessHealth({ authProblem: null, poll: poll(null), startedAtMs: START, nowMs: START + 200_000, lease: lease({}) });
    expect(health).toMatchObject({ ok: true, status: 200, replica: { role: "follower", lease: "postgres", self: "b/2", holder: "a/1", holderAgeMs: 260_000, error: null } });
  });

  it("reports a follower that cannot reach the shared database for four intervals", () => {
    const health = assessHealth({ authProblem: null, poll: poll(null), startedAtMs: START, nowMs: START + 200_000, lease: lease({ lastContactMs: START, error: "connect ECONNREFUSED" }) });
    expect(health.status).toBe(503);
    expect(health.reasons).toEqual(["this replica has not reached the shared database in 200 s (connect ECONNREFUSED)"]);
  });

  it("holds the leader to its own poll age, as a single process is", () => {
    const health = assessHealth({ authProblem: null, poll: poll("2026-12-01T10:00:00Z"), startedAtMs: START, nowMs: START + 200_000, lease: lease({ role: "leader", holder: { id: "b/2", sinceMs: START } }) });
    expect(health.status).toBe(503);
    expect(health.replica).toMatchObject({ role: "leader", holder: "b/2", holderAgeMs: 200_000 });
  });

  it("gives a replica that has just taken the lease over four intervals for its first cycle, then holds it to them", () => {
    const tookOver = lease({ role: "leader", self: "b/2", holder: { id: "b/2", sinceMs: START + 190_000 } });
    const oldPoll = poll("2026-12-01T10:00:00Z");
    expect(assessHealth({ authProblem: null, poll: oldPoll, startedAtMs: START, nowMs: START + 200_000, lease: tookOver })).toMatchObject({ ok: true, status: 200 });
    const late = assessHealth({ authProblem: null, poll: oldPoll, startedAtMs: START, nowMs: START + 311_000, lease: tookOver });
    expect(late.status).toBe(503);
    expect(late.reasons).toEqual(["the poller has not completed a cycle in 121 s since this replica took the poll lease"]);
  });

  it("says a single process (SQLite) leads", () => {
    expect(assessHealth({ authProblem: null, poll: poll(null), startedAtMs: START, nowMs: START }).replica).toMatchObject({ role: "leader", lease: "sole" });
  });
});
