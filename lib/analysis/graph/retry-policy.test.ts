import { describe, expect, it } from "vitest";
import { formatSeconds, readRetryPolicies, totalWorstCaseRetryWaitSeconds, worstCaseRetryWaitSeconds } from "./retry-policy";

const policy = (p: Partial<Parameters<typeof worstCaseRetryWaitSeconds>[0]>) =>
  worstCaseRetryWaitSeconds({ intervalSeconds: 1, maxAttempts: 3, backoffRate: 2, maxDelaySeconds: null, jitter: "NONE", ...p });

describe("worst-case retry wait", () => {
  it("uses the AWS defaults: 1 s, ×2, 3 attempts → 1 + 2 + 4", () => {
    const [read] = readRetryPolicies([{ ErrorEquals: ["States.ALL"] }]);
    expect(read).toMatchObject({ intervalSeconds: 1, backoffRate: 2, maxAttempts: 3, jitter: "NONE", worstCaseWaitSeconds: 7 });
  });

  it("caps each wait at MaxDelaySeconds", () => {
    expect(policy({ intervalSeconds: 10, maxAttempts: 5, maxDelaySeconds: 30 })).toBe(10 + 20 + 30 + 30 + 30);
  });

  it("waits nothing when MaxAttempts is 0, a constant interval when BackoffRate is 1", () => {
    expect(policy({ maxAttempts: 0 })).toBe(0);
    expect(policy({ intervalSeconds: 5, backoffRate: 1, maxAttempts: 4 })).toBe(20);
  });

  it("sums huge MaxAttempts in closed form once the cap is reached", () => {
    expect(policy({ maxAttempts: 99_999_999, maxDelaySeconds: 60 })).toBe(1 + 2 + 4 + 8 + 16 + 32 + 60 * (99_999_999 - 6));
    expect(policy({ maxAttempts: 5_000, backoffRate: 1.0001 })).toBeGreaterThan(5_000);
  });

  it("is not shortened by JitterStrategy FULL (jitter only draws below the computed wait)", () => {
    const [full] = readRetryPolicies([{ ErrorEquals: ["X"], JitterStrategy: "FULL", MaxAttempts: 4 }]);
    expect(full).toMatchObject({ jitter: "FULL", worstCaseWaitSeconds: 15 });
  });

  it("adds retriers up: each keeps its own count", () => {
    const retriers = readRetryPolicies([{ ErrorEquals: ["A"] }, { ErrorEquals: ["B"], IntervalSeconds: 10, MaxAttempts: 1 }]);
    expect(totalWorstCaseRetryWaitSeconds(retriers)).toBe(17);
  });

  it("ignores what is not a retrier", () => {
    expect(readRetryPolicies("nope")).toEqual([]);
    expect(readRetryPolicies([null, 3])).toEqual([]);
  });
});

describe("formatSeconds", () => {
  it("picks the unit", () => {
    expect([formatSeconds(7), formatSeconds(90), formatSeconds(5400), formatSeconds(3 * 86_400), formatSeconds(Infinity)]).toEqual(["7 s", "1 min 30 s", "1 h 30 min", "3 d", "∞"]);
  });
});
