import { describe, expect, it } from "vitest";
import { decideEventFault, decideFault, parseFaultConfig } from "./faults";

const call = (operation: string, hasNextToken = false) => ({ operation, target: `AWSStepFunctions.${operation}`, hasNextToken });

describe("parseFaultConfig", () => {
  it("accepts the documented fields", () => {
    expect(parseFaultConfig({ throttleRate: 0.5, latencyMs: 20, errorRate: 0.1, dropRate: 0, targets: ["ListExecutions"], expireTokens: true })).toEqual({
      throttleRate: 0.5,
      latencyMs: 20,
      errorRate: 0.1,
      dropRate: 0,
      targets: ["ListExecutions"],
      expireTokens: true,
    });
  });

  it("rejects out-of-range rates, unknown fields and bad targets", () => {
    expect(() => parseFaultConfig({ throttleRate: 1.5 })).toThrow(/throttleRate/);
    expect(() => parseFaultConfig({ nope: 1 })).toThrow(/nope/);
    expect(() => parseFaultConfig({ targets: "ListExecutions" })).toThrow(/targets/);
    expect(() => parseFaultConfig([])).toThrow();
    expect(parseFaultConfig({ denyAssumeRole: ["arn:aws:iam::210987654321:role/sfn-triage-read"] })).toEqual({ denyAssumeRole: ["arn:aws:iam::210987654321:role/sfn-triage-read"] });
    expect(() => parseFaultConfig({ denyAssumeRole: ["sfn-triage-read"] })).toThrow(/denyAssumeRole must be an array of IAM role ARNs/);
  });
});

describe("decideFault", () => {
  it("applies only to the targeted operations, by name or full X-Amz-Target", () => {
    expect(decideFault({ throttleRate: 1, targets: ["ListExecutions"] }, call("ListExecutions")).kind).toBe("throttle");
    expect(decideFault({ throttleRate: 1, targets: ["AWSStepFunctions.ListExecutions"] }, call("ListExecutions")).kind).toBe("throttle");
    expect(decideFault({ throttleRate: 1, targets: ["ListExecutions"] }, call("DescribeExecution")).kind).toBe("pass");
  });

  it("uses the rates against the injected random source", () => {
    expect(decideFault({ throttleRate: 0.3 }, call("X"), () => 0.29).kind).toBe("throttle");
    expect(decideFault({ throttleRate: 0.3 }, call("X"), () => 0.31).kind).toBe("pass");
    expect(decideFault({ errorRate: 1, errorStatus: 503 }, call("X"))).toMatchObject({ kind: "error", status: 503 });
    expect(decideFault({ dropRate: 1, throttleRate: 1 }, call("X")).kind).toBe("drop");
  });

  it("expires only calls that carry a token", () => {
    expect(decideFault({ expireTokens: true }, call("GetExecutionHistory", true)).kind).toBe("expire-token");
    expect(decideFault({ expireTokens: true }, call("GetExecutionHistory", false)).kind).toBe("pass");
  });

  it("carries latency on passing calls", () => {
    expect(decideFault({ latencyMs: 250 }, call("X"))).toEqual({ kind: "pass", delayMs: 250 });
  });
});

describe("decideEventFault", () => {
  it("drops, duplicates and delays status-change events at their rates, only for the targeted statuses", () => {
    expect(decideEventFault({}, "FAILED")).toEqual({ copies: 1, delayMs: 0 });
    expect(decideEventFault({ eventDropRate: 1 }, "FAILED")).toEqual({ copies: 0, delayMs: 0 });
    expect(decideEventFault({ eventDuplicateRate: 1 }, "FAILED")).toEqual({ copies: 2, delayMs: 0 });
    expect(decideEventFault({ eventDelayRate: 1, eventDelayMs: 50 }, "RUNNING")).toEqual({ copies: 1, delayMs: 50 });
    expect(decideEventFault({ eventDropRate: 1, eventStatuses: ["RUNNING"] }, "FAILED")).toEqual({ copies: 1, delayMs: 0 });
    expect(decideEventFault({ eventDropRate: 0.5 }, "FAILED", () => 0.4).copies).toBe(0);
    expect(decideEventFault({ eventDropRate: 0.5 }, "FAILED", () => 0.6).copies).toBe(1);
  });

  it("validates the event fault fields", () => {
    expect(parseFaultConfig({ eventDropRate: 0.1, eventDuplicateRate: 1, eventDelayRate: 0.5, eventDelayMs: 100, eventStatuses: ["RUNNING"] })).toEqual({ eventDropRate: 0.1, eventDuplicateRate: 1, eventDelayRate: 0.5, eventDelayMs: 100, eventStatuses: ["RUNNING"] });
    expect(() => parseFaultConfig({ eventDropRate: 2 })).toThrow(/eventDropRate/);
    expect(() => parseFaultConfig({ eventStatuses: "RUNNING" })).toThrow(/eventStatuses/);
  });
});
