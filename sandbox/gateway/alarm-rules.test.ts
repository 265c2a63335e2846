import { describe, expect, it } from "vitest";
import { breaches, periodStartOf, sameMetric, stateReasonData, statisticOver, thresholdCrossedReason, watchedMetric } from "./alarm-rules";

const dims = [{ Name: "StateMachineArn", Value: "arn:sm" }];

describe("watchedMetric", () => {
  it("reads plain alarms and single-MetricStat Metrics[] alarms", () => {
    expect(watchedMetric({ Namespace: "AWS/States", MetricName: "ExecutionsFailed", Dimensions: dims, Period: 60, Statistic: "Sum" })).toMatchObject({
      metricName: "ExecutionsFailed",
      periodS: 60,
      stat: "Sum",
    });
    const viaArray = watchedMetric({
      Metrics: [{ Id: "m1", ReturnData: true, MetricStat: { Metric: { Namespace: "AWS/States", MetricName: "ExecutionsTimedOut", Dimensions: dims }, Period: 300, Stat: "Sum" } }],
    });
    expect(viaArray).toMatchObject({ metricName: "ExecutionsTimedOut", periodS: 300 });
    expect(watchedMetric({ Metrics: [{ Id: "e1", Expression: "m1/m2" }] })).toBeNull();
  });
});

describe("sameMetric", () => {
  it("matches dimensions exactly", () => {
    const w = watchedMetric({ Namespace: "AWS/States", MetricName: "ExecutionsFailed", Dimensions: dims })!;
    expect(sameMetric(w, "AWS/States", "ExecutionsFailed", dims)).toBe(true);
    expect(sameMetric(w, "AWS/States", "ExecutionsFailed", [{ Name: "StateMachineArn", Value: "arn:other" }])).toBe(false);
    expect(sameMetric(w, "AWS/States", "ExecutionsFailed", [...dims, { Name: "X", Value: "y" }])).toBe(false);
  });
});

describe("statisticOver / breaches", () => {
  const points = [
    { atMs: 1_000, value: 1 },
    { atMs: 50_000, value: 1 },
    { atMs: 59_000, value: 1 },
  ];
  it("sums the datapoints of one period ending at the newest", () => {
    expect(statisticOver(points, "Sum", 60, 59_000)).toBe(3);
    expect(statisticOver(points, "Sum", 10, 59_000)).toBe(2);
    expect(statisticOver(points, "Maximum", 60, 59_000)).toBe(1);
    expect(statisticOver([], "Sum", 60, 59_000)).toBeNull();
  });
  it("compares like CloudWatch", () => {
    expect(breaches({ ComparisonOperator: "GreaterThanOrEqualToThreshold", Threshold: 3 }, 3)).toBe(true);
    expect(breaches({ ComparisonOperator: "GreaterThanThreshold", Threshold: 3 }, 3)).toBe(false);
    expect(breaches({ ComparisonOperator: "LessThanLowerOrGreaterThanUpperThreshold", Threshold: 3 }, 9)).toBe(false);
  });
  it("words the reason as CloudWatch does", () => {
    expect(thresholdCrossedReason({ ComparisonOperator: "GreaterThanOrEqualToThreshold", Threshold: 1 }, 2, Date.UTC(2026, 10, 23, 16, 2, 0))).toBe(
      "Threshold Crossed: 1 datapoint [2.0 (23/11/26 16:02:00)] was greater than or equal to the threshold (1.0).",
    );
  });
});

describe("stateReasonData", () => {
  it("names the datapoint by the start of its period, in CloudWatch's timestamp form", () => {
    const start = periodStartOf(Date.UTC(2026, 10, 23, 16, 2, 31, 123), 60);
    expect(start).toBe(Date.UTC(2026, 10, 23, 16, 2, 0));
    const data = JSON.parse(stateReasonData({ stat: "Sum", periodS: 60, value: 1, sampleCount: 1, threshold: 1, periodStartMs: start, nowMs: Date.UTC(2026, 10, 23, 16, 3, 51) })) as Record<string, unknown>;
    expect(data).toMatchObject({ startDate: "2026-11-23T16:02:00.000+0000", period: 60, evaluatedDatapoints: [{ timestamp: "2026-11-23T16:02:00.000+0000", sampleCount: 1, value: 1 }] });
  });
});
