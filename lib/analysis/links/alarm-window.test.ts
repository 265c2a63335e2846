import { describe, expect, it } from "vitest";
import type { BreachWindow } from "@/lib/domain/alarm-view";
import type { ExecutionStatus, ExecutionSummary } from "@/lib/domain/execution";
import { parseAlarmNotification } from "./alarm-message";
import { breachPeriods, matchBreach, needsOlderPage, offsetFromBreach, statusForMetric, statusesForMetrics } from "./alarm-window";

const SM = "arn:aws:states:us-east-1:123456789012:stateMachine:file-pipeline";

function execution(name: string, status: ExecutionStatus, startDate: string, stopDate: string | null): ExecutionSummary {
  return { executionArn: `arn:aws:states:us-east-1:123456789012:execution:file-pipeline:${name}`, stateMachineArn: SM, name, status, startDate, stopDate };
}

/** What the sandbox and AWS hold around 20:34: two FAILED just before, the TIMED_OUT that tripped the alarm, more after. */
const listed = [
  execution("failed-after", "FAILED", "2026-12-01T20:35:20.000Z", "2026-12-01T20:35:40.000Z"),
  execution("timed-out-after", "TIMED_OUT", "2026-12-01T20:35:05.000Z", "2026-12-01T20:35:35.000Z"),
  execution("failed-1", "FAILED", "2026-12-01T20:34:50.000Z", "2026-12-01T20:34:51.000Z"),
  execution("tripped", "TIMED_OUT", "2026-12-01T20:34:01.000Z", "2026-12-01T20:34:31.000Z"),
  execution("still-running", "TIMED_OUT", "2026-12-01T20:34:40.000Z", null),
  execution("timed-out-before", "TIMED_OUT", "2026-12-01T20:32:00.000Z", "2026-12-01T20:32:30.000Z"),
  execution("failed-0", "FAILED", "2026-12-01T20:33:58.000Z", "2026-12-01T20:33:59.000Z"),
];

function snsTimedOut(reason: string, stateChangeTime: string, trigger: Record<string, unknown> = {}): string {
  return JSON.stringify({
    AlarmName: "file-pipeline-timed-out",
    AlarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:file-pipeline-timed-out",
    NewStateValue: "ALARM",
    NewStateReason: reason,
    StateChangeTime: stateChangeTime,
    Trigger: {
      MetricName: "ExecutionsTimedOut",
      Namespace: "AWS/States",
      Statistic: "SUM",
      Dimensions: [{ value: SM, name: "StateMachineArn" }],
      Period: 60,
      EvaluationPeriods: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      Threshold: 1,
      ...trigger,
    },
  });
}

const REASON_2034 = "Threshold Crossed: 1 out of the last 1 datapoints [1.0 (01/12/26 20:34:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).";

describe("statusForMetric", () => {
  it("maps the AWS/States close metrics to the status they count", () => {
    expect(statusForMetric("ExecutionsFailed")).toBe("FAILED");
    expect(statusForMetric("ExecutionsTimedOut")).toBe("TIMED_OUT");
    expect(statusForMetric("ExecutionsAborted")).toBe("ABORTED");
    expect(statusForMetric("ExecutionsStarted")).toBeNull();
    expect(statusForMetric(null)).toBeNull();
    expect(statusesForMetrics(["ExecutionsTimedOut", "ExecutionsFailed", "ExecutionsTimedOut", "ExecutionTime"])).toEqual(["FAILED", "TIMED_OUT"]);
  });
});

describe("matchBreach", () => {
  it("finds the TIMED_OUT execution that closed inside the breaching period when StateChangeTime is 80 s after it", () => {
    // Closed at 20:34:31; CloudWatch evaluated at 20:35:51. [StateChangeTime − Period, StateChangeTime] = [20:34:51, 20:35:51] would miss it.
    const alarm = parseAlarmNotification(snsTimedOut(REASON_2034, "2026-12-01T20:35:51.000+0000"));
    const statuses = statusesForMetrics(alarm.metrics.map((m) => m.metricName));
    const match = matchBreach(listed, alarm.breach, statuses);
    expect(match.tripping.map((e) => e.name)).toEqual(["tripped"]);
    expect(match.tripping[0]?.offsetMs).toBe(0);
    // FAILED executions in the same minute are not what this alarm counts.
    expect([...match.nearest.before, ...match.nearest.after].every((e) => e.status === "TIMED_OUT")).toBe(true);
  });

  it.each([
    ["80 s after the execution closed", "2026-12-01T20:35:51.000+0000"],
    ["80 s after the breaching period ended", "2026-12-01T20:36:20.000+0000"],
    ["6 minutes after the breaching period ended", "2026-12-01T20:41:00.000+0000"],
  ])("finds the same execution whatever StateChangeTime says: %s", (_label, stateChangeTime) => {
    const alarm = parseAlarmNotification(snsTimedOut(REASON_2034, stateChangeTime));
    // The old window [StateChangeTime − 60 s, StateChangeTime] would not hold 20:34:31.
    expect(Date.parse(stateChangeTime.replace("+0000", "Z")) - 60_000).toBeGreaterThan(Date.parse("2026-12-01T20:34:31.000Z"));
    expect(matchBreach(listed, alarm.breach, ["TIMED_OUT"]).tripping.map((e) => e.name)).toEqual(["tripped"]);
  });

  it("lists every tripping execution newest first, and none twice", () => {
    const breach: BreachWindow = { periodSeconds: 60, datapoints: [{ timestamp: "2026-12-01T20:34:00.000Z", value: 2 }], from: "2026-12-01T20:34:00.000Z", to: "2026-12-01T20:35:00.000Z", source: "reason-text" };
    const match = matchBreach([...listed, listed[2]!, listed[3]!], breach, ["FAILED", "TIMED_OUT"]);
    expect(match.tripping.map((e) => e.name)).toEqual(["failed-1", "tripped"]);
  });

  it("treats each datapoint as [timestamp, timestamp + period): the end is exclusive", () => {
    const breach: BreachWindow = { periodSeconds: 60, datapoints: [{ timestamp: "2026-12-01T20:33:00.000Z", value: 1 }], from: "2026-12-01T20:33:00.000Z", to: "2026-12-01T20:34:00.000Z", source: "reason-text" };
    const atEnd = execution("at-end", "FAILED", "2026-12-01T20:33:30.000Z", "2026-12-01T20:34:00.000Z");
    const atStart = execution("at-start", "FAILED", "2026-12-01T20:32:30.000Z", "2026-12-01T20:33:00.000Z");
    const match = matchBreach([atEnd, atStart], breach, ["FAILED"]);
    expect(match.tripping.map((e) => e.name)).toEqual(["at-start"]);
    expect(match.nearest.after.map((e) => [e.name, e.offsetMs])).toEqual([["at-end", 1]]);
  });

  it("uses a metric-math alarm's metrics: their statuses and their period", () => {
    const alarm = parseAlarmNotification(
      JSON.stringify({
        AlarmName: "order-flow-timed-out",
        NewStateReason: "Threshold Crossed: 1 out of the last 1 datapoints [1.0 (01/12/26 20:30:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).",
        StateChangeTime: "2026-12-01T20:36:20.000+0000",
        Trigger: {
          EvaluationPeriods: 1,
          ComparisonOperator: "GreaterThanOrEqualToThreshold",
          Threshold: 1,
          Metrics: [{ Id: "m1", ReturnData: true, MetricStat: { Metric: { Namespace: "AWS/States", MetricName: "ExecutionsTimedOut", Dimensions: [{ value: SM, name: "StateMachineArn" }] }, Period: 300, Stat: "Sum" } }],
        },
      }),
    );
    expect(alarm.breach).toMatchObject({ from: "2026-12-01T20:30:00.000Z", to: "2026-12-01T20:35:00.000Z", periodSeconds: 300 });
    const match = matchBreach(listed, alarm.breach, statusesForMetrics(alarm.metrics.map((m) => m.metricName)));
    expect(match.tripping.map((e) => e.name)).toEqual(["tripped", "timed-out-before"]);
  });

  it("matches from an EventBridge event's evaluatedDatapoints", () => {
    const event = JSON.stringify({
      "detail-type": "CloudWatch Alarm State Change",
      source: "aws.cloudwatch",
      region: "us-east-1",
      resources: ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:file-pipeline-timed-out"],
      detail: {
        alarmName: "file-pipeline-timed-out",
        configuration: { metrics: [{ id: "m1", metricStat: { metric: { dimensions: { StateMachineArn: SM }, name: "ExecutionsTimedOut", namespace: "AWS/States" }, period: 60, stat: "Sum" }, returnData: true }] },
        state: {
          value: "ALARM",
          reason: "Threshold Crossed: 1 out of the last 1 datapoints [1.0 (01/12/26 20:34:00)] was greater than or equal to the threshold (1.0).",
          reasonData: JSON.stringify({ version: "1.0", period: 60, threshold: 1, evaluatedDatapoints: [{ timestamp: "2026-12-01T20:34:00.000+0000", sampleCount: 1, value: 1 }] }),
          timestamp: "2026-12-01T20:35:51.000+0000",
        },
      },
    });
    const alarm = parseAlarmNotification(event);
    expect(matchBreach(listed, alarm.breach, statusesForMetrics(alarm.metrics.map((m) => m.metricName))).tripping.map((e) => e.name)).toEqual(["tripped"]);
  });

  it("when nothing matches, says so with the nearest executions either side, closest first", () => {
    const alarm = parseAlarmNotification(snsTimedOut(REASON_2034.replace("20:34:00", "20:33:00"), "2026-12-01T20:34:50.000+0000"));
    const match = matchBreach(listed, alarm.breach, ["TIMED_OUT"]);
    expect(match.tripping).toEqual([]);
    expect(match.nearest.before.map((e) => [e.name, e.offsetMs])).toEqual([["timed-out-before", -30_000]]);
    expect(match.nearest.after.map((e) => [e.name, e.offsetMs])).toEqual([
      ["tripped", 31_001],
      ["timed-out-after", 95_001],
    ]);
  });

  it("keeps at most `nearestCount` either side, and with no window lists the newest of that status", () => {
    const breach: BreachWindow = { periodSeconds: 60, datapoints: [{ timestamp: "2026-12-01T19:00:00.000Z", value: 1 }], from: "2026-12-01T19:00:00.000Z", to: "2026-12-01T19:01:00.000Z", source: "reason-text" };
    expect(matchBreach(listed, breach, ["FAILED", "TIMED_OUT"], 2).nearest.after.map((e) => e.name)).toEqual(["timed-out-before", "failed-0"]);
    const none = matchBreach(listed, null, ["TIMED_OUT"], 2);
    expect(none.tripping).toEqual([]);
    expect(none.nearest.before.map((e) => e.name)).toEqual(["timed-out-after", "tripped"]);
  });

  it("matches inside a link's window (no datapoints) as one span", () => {
    const breach: BreachWindow = { periodSeconds: 60, datapoints: [], from: "2026-12-01T20:34:00.000Z", to: "2026-12-01T20:36:00.000Z", source: "link" };
    expect(breachPeriods(breach)).toEqual([[Date.parse(breach.from), Date.parse(breach.to)]]);
    expect(matchBreach(listed, breach, ["TIMED_OUT"]).tripping.map((e) => e.name)).toEqual(["timed-out-after", "tripped"]);
  });
});

describe("offsetFromBreach and needsOlderPage", () => {
  it("measures from the nearest of several periods", () => {
    const periods: [number, number][] = [
      [0, 60_000],
      [120_000, 180_000],
    ];
    expect(offsetFromBreach(70_000, periods)).toBe(10_001);
    expect(offsetFromBreach(90_000, periods)).toBe(-30_000);
    expect(offsetFromBreach(110_000, periods)).toBe(-10_000);
    expect(offsetFromBreach(150_000, periods)).toBe(0);
  });

  it("reads older pages until the oldest start is an hour before the window", () => {
    const breach: BreachWindow = { periodSeconds: 60, datapoints: [], from: "2026-12-01T20:34:00.000Z", to: "2026-12-01T20:35:00.000Z", source: "link" };
    expect(needsOlderPage("2026-12-01T20:00:00.000Z", breach)).toBe(true);
    expect(needsOlderPage("2026-12-01T19:33:59.000Z", breach)).toBe(false);
    expect(needsOlderPage(null, breach)).toBe(false);
    expect(needsOlderPage("2026-12-01T20:00:00.000Z", null)).toBe(false);
  });
});
