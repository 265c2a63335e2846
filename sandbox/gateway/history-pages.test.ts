import { describe, expect, it } from "vitest";
import { HistoryTokens, InvalidTokenError, TOKEN_TTL_MS, pageSize, sliceHistory, withoutExecutionData, type RawHistoryEvent } from "./history-pages";

const ARN = "arn:aws:states:us-east-1:123456789012:execution:batch-map:run-1";
const events: RawHistoryEvent[] = Array.from({ length: 10 }, (_, i) => ({ id: i + 1, type: i === 9 ? "ExecutionSucceeded" : "PassStateEntered" }));

describe("pageSize", () => {
  it("follows AWS: default 100, 0 means default, 1–1000 allowed", () => {
    expect(pageSize(undefined)).toBe(100);
    expect(pageSize(0)).toBe(100);
    expect(pageSize(1)).toBe(1);
    expect(pageSize(1000)).toBe(1000);
    expect(pageSize(1001)).toMatchObject({ error: expect.stringContaining("less than or equal to 1000") });
    expect(pageSize(-1)).toMatchObject({ error: expect.any(String) });
    expect(pageSize(2.5)).toMatchObject({ error: expect.any(String) });
  });
});

describe("sliceHistory", () => {
  it("pages forward by event id", () => {
    const first = sliceHistory(events, { size: 4, reverseOrder: false, afterEventId: null });
    expect(first.events.map((e) => e.id)).toEqual([1, 2, 3, 4]);
    expect(first.more).toBe(true);
    const last = sliceHistory(events, { size: 4, reverseOrder: false, afterEventId: 8 });
    expect(last.events.map((e) => e.id)).toEqual([9, 10]);
    expect(last.more).toBe(false);
  });

  it("pages newest first with reverseOrder", () => {
    const first = sliceHistory(events, { size: 3, reverseOrder: true, afterEventId: null });
    expect(first.events.map((e) => e.id)).toEqual([10, 9, 8]);
    const next = sliceHistory(events, { size: 3, reverseOrder: true, afterEventId: first.lastEventId });
    expect(next.events.map((e) => e.id)).toEqual([7, 6, 5]);
  });

  it("does not report more when the page ends exactly at the last event", () => {
    expect(sliceHistory(events, { size: 10, reverseOrder: false, afterEventId: null }).more).toBe(false);
  });
});

describe("HistoryTokens", () => {
  const tokens = new HistoryTokens();
  const now = 1_800_000_000_000;
  const token = tokens.seal({ executionArn: ARN, lastEventId: 4, reverseOrder: false, issuedAtMs: now });

  it("round-trips a cursor", () => {
    expect(tokens.open(token, ARN, false, now + 1000)).toMatchObject({ lastEventId: 4 });
  });

  it("refuses tampered, foreign, mismatched and expired tokens", () => {
    expect(() => tokens.open(`${token}x`, ARN, false, now)).toThrow(InvalidTokenError);
    expect(() => tokens.open("garbage", ARN, false, now)).toThrow(InvalidTokenError);
    expect(() => new HistoryTokens().open(token, ARN, false, now)).toThrow(InvalidTokenError);
    expect(() => tokens.open(token, `${ARN}-other`, false, now)).toThrow(/execution/);
    expect(() => tokens.open(token, ARN, true, now)).toThrow(/reverseOrder/);
    expect(() => tokens.open(token, ARN, false, now + TOKEN_TTL_MS + 1)).toThrow(/expired/);
  });
});

describe("withoutExecutionData", () => {
  it("strips input/output and their details but keeps the rest", () => {
    const [stripped] = withoutExecutionData([
      { id: 1, type: "ExecutionStarted", executionStartedEventDetails: { input: "{}", inputDetails: { truncated: false }, roleArn: "r" } },
    ]);
    expect(stripped).toEqual({ id: 1, type: "ExecutionStarted", executionStartedEventDetails: { roleArn: "r" } });
  });
});
