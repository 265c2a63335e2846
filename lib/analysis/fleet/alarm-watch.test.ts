import { describe, expect, it } from "vitest";
import type { AlarmMetricRef, AlarmSummary } from "@/lib/domain/metrics";
import { findAlarmWatches } from "./alarm-watch";

const ORDERS = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
const ORDERS_V2 = "arn:aws:states:us-east-1:123456789012:stateMachine:orders-v2";

function makeAlarm(overrides: Partial<AlarmSummary> = {}): AlarmSummary {
  const alarmName = overrides.alarmName ?? "orders-failed";
  return {
    alarmName,
    alarmArn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${alarmName}`,
    alarmDescription: null,
    stateValue: "OK",
    stateReason: null,
    stateUpdatedTimestamp: "2025-06-01T11:00:00.000Z",
    namespace: "AWS/States",
    metricName: "ExecutionsFailed",
    dimensions: [{ name: "StateMachineArn", value: ORDERS }],
    metrics: [],
    statistic: "Sum",
    threshold: 0,
    comparisonOperator: "GreaterThanThreshold",
    evaluationPeriods: 1,
    periodSeconds: 300,
    actionsEnabled: true,
    ...overrides,
  };
}

/** A metric-math alarm: no metric of its own, the metrics in `metrics[]`. */
function makeMathAlarm(alarmName: string, metrics: AlarmMetricRef[], stateValue = "OK"): AlarmSummary {
  return makeAlarm({ alarmName, stateValue, namespace: null, metricName: null, dimensions: [], statistic: null, metrics });
}

function ref(id: string, metricName: string, value = ORDERS, namespace = "AWS/States"): AlarmMetricRef {
  return { id, namespace, metricName, dimensions: [{ name: "StateMachineArn", value }], stat: "Sum", periodSeconds: 300 };
}

describe("findAlarmWatches", () => {
  it("finds a direct ExecutionsFailed alarm", () => {
    expect(findAlarmWatches(ORDERS, [makeAlarm()])).toEqual({
      alarms: [{ alarmName: "orders-failed", metricName: "ExecutionsFailed", stateValue: "OK" }],
      watchesTimeouts: false,
      watchesFailures: true,
    });
  });

  it("finds a direct ExecutionsTimedOut alarm in ALARM", () => {
    const alarm = makeAlarm({ alarmName: "orders-timed-out", metricName: "ExecutionsTimedOut", stateValue: "ALARM" });
    expect(findAlarmWatches(ORDERS, [alarm])).toEqual({
      alarms: [{ alarmName: "orders-timed-out", metricName: "ExecutionsTimedOut", stateValue: "ALARM" }],
      watchesTimeouts: true,
      watchesFailures: false,
    });
  });

  it("lists an INSUFFICIENT_DATA alarm but does not count it as watching", () => {
    const result = findAlarmWatches(ORDERS, [
      makeAlarm({ stateValue: "INSUFFICIENT_DATA" }),
      makeAlarm({ alarmName: "orders-timed-out", metricName: "ExecutionsTimedOut", stateValue: "INSUFFICIENT_DATA" }),
    ]);
    expect(result.alarms.map((a) => a.alarmName)).toEqual(["orders-failed", "orders-timed-out"]);
    expect(result).toMatchObject({ watchesTimeouts: false, watchesFailures: false });
  });

  it("counts a live alarm even when another on the same metric has no data", () => {
    const result = findAlarmWatches(ORDERS, [makeAlarm({ alarmName: "old", stateValue: "INSUFFICIENT_DATA" }), makeAlarm({ alarmName: "new" })]);
    expect(result.watchesFailures).toBe(true);
  });

  it("finds metric-math alarms through their metrics[]", () => {
    const alarm = makeMathAlarm("orders-timeouts-rate", [{ id: "e1", expression: "m1/m2*100" }, ref("m1", "ExecutionsTimedOut"), ref("m2", "ExecutionsStarted")]);
    expect(findAlarmWatches(ORDERS, [alarm])).toEqual({
      alarms: [{ alarmName: "orders-timeouts-rate", metricName: "ExecutionsTimedOut", stateValue: "OK" }],
      watchesTimeouts: true,
      watchesFailures: false,
    });
  });

  it("does not count a metric-math alarm in INSUFFICIENT_DATA", () => {
    const alarm = makeMathAlarm("orders-math", [ref("m1", "ExecutionsFailed")], "INSUFFICIENT_DATA");
    expect(findAlarmWatches(ORDERS, [alarm])).toMatchObject({ watchesFailures: false, alarms: [{ stateValue: "INSUFFICIENT_DATA" }] });
  });

  // BUG: only the first matching metric of an alarm is recorded, so "ExecutionsFailed + ExecutionsTimedOut > 0"
  // — the usual one-alarm-for-both — is reported as watching failures only, and its timeouts look silent.
  it("counts a metric-math alarm that sums failures and timeouts as watching both", () => {
    const alarm = makeMathAlarm("orders-broken", [{ id: "e1", expression: "m1+m2" }, ref("m1", "ExecutionsFailed"), ref("m2", "ExecutionsTimedOut")]);
    expect(findAlarmWatches(ORDERS, [alarm])).toMatchObject({ watchesTimeouts: true, watchesFailures: true });
  });

  it.each<[string, AlarmSummary]>([
    ["another dimension", makeAlarm({ dimensions: [{ name: "LambdaFunctionArn", value: ORDERS }] })],
    ["another state machine", makeAlarm({ dimensions: [{ name: "StateMachineArn", value: ORDERS_V2 }] })],
    ["a state machine whose ARN merely starts the same", makeAlarm({ dimensions: [{ name: "StateMachineArn", value: `${ORDERS}:live` }] })],
    ["another namespace", makeAlarm({ namespace: "AWS/Lambda" })],
    ["another AWS/States metric", makeAlarm({ metricName: "ExecutionsStarted" })],
    ["ExecutionThrottled", makeAlarm({ metricName: "ExecutionThrottled" })],
    ["no dimensions", makeAlarm({ dimensions: [] })],
    ["metric math on another state machine", makeMathAlarm("m", [ref("m1", "ExecutionsFailed", ORDERS_V2)])],
    ["metric math on another namespace", makeMathAlarm("m", [ref("m1", "ExecutionsFailed", ORDERS, "AWS/Lambda")])],
    ["metric math with expressions only", makeMathAlarm("m", [{ id: "e1", expression: `SEARCH('{AWS/States,StateMachineArn} ExecutionsFailed', 'Sum', 300)` }])],
  ])("does not match an alarm on %s", (_label, alarm) => {
    expect(findAlarmWatches(ORDERS, [alarm])).toEqual({ alarms: [], watchesTimeouts: false, watchesFailures: false });
  });

  it("keeps one entry per alarm, in the order given, among unrelated alarms", () => {
    const alarms = [
      makeAlarm({ alarmName: "a" }),
      makeAlarm({ alarmName: "lambda", namespace: "AWS/Lambda", metricName: "Errors" }),
      makeAlarm({ alarmName: "b", metricName: "ExecutionsTimedOut", stateValue: "ALARM" }),
    ];
    expect(findAlarmWatches(ORDERS, alarms).alarms.map((a) => a.alarmName)).toEqual(["a", "b"]);
  });

  it("returns nothing for no alarms", () => {
    expect(findAlarmWatches(ORDERS, [])).toEqual({ alarms: [], watchesTimeouts: false, watchesFailures: false });
  });
});
