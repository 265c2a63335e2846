import { describe, expect, it } from "vitest";
import { assessHealth } from "./health";

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
