import { describe, expect, it } from "vitest";
import { alarmsForStatuses, buildCoverage, describeCoverage, MAX_HOURLY_BUCKETS, toHourlySeries } from "./failure-views";

const H = 3_600_000;
const T0 = Date.parse("2026-11-30T00:00:00Z");

describe("toHourlySeries", () => {
  it("spans the window hour by hour, zeros included, oldest first", () => {
    const byHour = new Map([[T0 / H, 2], [T0 / H + 2, 5]]);
    expect(toHourlySeries(byHour, T0 + 10 * 60_000, T0 + 3 * H - 1)).toEqual([2, 0, 5]);
  });
  it("is bounded for very long windows and keeps the newest hours", () => {
    const series = toHourlySeries(new Map([[T0 / H, 1]]), 0, T0);
    expect(series).toHaveLength(MAX_HOURLY_BUCKETS);
    expect(series.at(-1)).toBe(1);
  });
});

describe("alarmsForStatuses", () => {
  const watches = [
    { alarmName: "f", metricName: "ExecutionsFailed", stateValue: "ALARM" },
    { alarmName: "t", metricName: "ExecutionsTimedOut", stateValue: "OK" },
  ];
  it("keeps the alarms on the metric each status is counted in", () => {
    expect(alarmsForStatuses(watches, ["TIMED_OUT"]).map((a) => a.alarmName)).toEqual(["t"]);
    expect(alarmsForStatuses(watches, ["FAILED", "TIMED_OUT"]).map((a) => a.alarmName)).toEqual(["f", "t"]);
    expect(alarmsForStatuses(watches, ["ABORTED"])).toEqual([]);
  });
});

describe("coverage against CloudWatch", () => {
  const series = new Map([["a", [{ startMs: T0, value: 3 }, { startMs: T0 + H, value: 4 }, { startMs: T0 - 5 * H, value: 100 }]]]);
  it("sums CloudWatch over the window's whole hours and says N of M when the index holds fewer", () => {
    const [a, b] = buildCoverage(new Map([["a", 5]]), series, ["a", "b"], { fromMs: T0 + 30 * 60_000, toMs: T0 + 2 * H });
    expect(a).toEqual({ stateMachineArn: "a", indexed: 5, cloudWatch: 7 });
    expect(describeCoverage(a!)).toBe("5 of 7");
    expect(b).toEqual({ stateMachineArn: "b", indexed: 0, cloudWatch: null });
    expect(describeCoverage(b!)).toBeNull();
    expect(describeCoverage({ stateMachineArn: "a", indexed: 7, cloudWatch: 7 })).toBeNull();
    expect(describeCoverage({ stateMachineArn: "a", indexed: 1200, cloudWatch: 3000 })).toBe("1,200 of 3,000");
  });
});
