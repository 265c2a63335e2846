import { describe, expect, it, vi } from "vitest";
import { makeReport } from "@/test-support/make-report";
import { AwsError } from "@/lib/aws/errors";
import type { AlarmDetail } from "@/lib/domain/alarm-view";
import type { ExecutionSummary } from "@/lib/domain/execution";
import type { ExecutionTriage } from "@/lib/domain/triage";
import { AlarmNotFoundError, buildAlarmView, type AlarmViewDeps } from "./alarm-view";

const SM = "arn:aws:states:us-east-1:123456789012:stateMachine:file-pipeline";
const NOW = Date.parse("2026-12-01T21:00:00.000Z");

const alarm: AlarmDetail = {
  alarmName: "file-pipeline-timed-out",
  alarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:file-pipeline-timed-out",
  alarmDescription: null,
  stateValue: "ALARM",
  stateReason: "Threshold Crossed: 1 out of the last 1 datapoints [1.0 (01/12/26 20:34:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).",
  stateUpdatedTimestamp: "2026-12-01T20:35:51.000Z",
  namespace: "AWS/States",
  metricName: "ExecutionsTimedOut",
  dimensions: [{ name: "StateMachineArn", value: SM }],
  metrics: [],
  statistic: "Sum",
  threshold: 1,
  comparisonOperator: "GreaterThanOrEqualToThreshold",
  evaluationPeriods: 1,
  periodSeconds: 60,
  actionsEnabled: true,
  region: "us-east-1",
  stateReasonData: JSON.stringify({ version: "1.0", period: 60, threshold: 1, evaluatedDatapoints: [{ timestamp: "2026-12-01T20:34:00.000+0000", sampleCount: 1, value: 1 }] }),
  stateTransitionedTimestamp: "2026-12-01T20:35:51.000Z",
  datapointsToAlarm: 1,
};

const exec = (name: string, startDate: string, stopDate: string): ExecutionSummary => ({
  executionArn: `arn:aws:states:us-east-1:123456789012:execution:file-pipeline:${name}`,
  stateMachineArn: SM,
  name,
  status: "TIMED_OUT",
  startDate,
  stopDate,
});

function deps(overrides: Partial<AlarmViewDeps> = {}): AlarmViewDeps {
  const report = makeReport({ failure: { state: null, path: null, error: "States.Timeout", cause: "The execution timed out after 30 s", kind: "execution-timeout", eventId: 20, activePaths: ["Archive"] } });
  return {
    describeAlarm: vi.fn(async () => alarm),
    describeAlarmHistory: vi.fn(async () => []),
    listExecutionsPage: vi.fn(async () => ({
      executions: [exec("after", "2026-12-01T20:35:10.000Z", "2026-12-01T20:35:40.000Z"), exec("tripped", "2026-12-01T20:34:01.000Z", "2026-12-01T20:34:31.000Z"), exec("old", "2026-12-01T19:00:00.000Z", "2026-12-01T19:00:30.000Z")],
      nextToken: "more",
    })),
    getTriage: vi.fn(async () => ({ report, execution: { error: null, cause: null } }) as unknown as ExecutionTriage),
    now: () => NOW,
    ...overrides,
  };
}

describe("buildAlarmView", () => {
  it("lands on the TIMED_OUT execution that closed in the breaching period, with its failure, from the alarm's own reason data", async () => {
    const d = deps();
    const view = await buildAlarmView({ region: "us-east-1", alarmName: alarm.alarmName, at: "2026-12-01T20:35:51.000Z" }, d);
    expect(view.breach).toMatchObject({ from: "2026-12-01T20:34:00.000Z", to: "2026-12-01T20:35:00.000Z", source: "reason-data" });
    expect(view.tripping.map((e) => e.name)).toEqual(["tripped"]);
    expect(view.newestFailure).toMatchObject({ state: "Archive", error: "States.Timeout", cause: "The execution timed out after 30 s", kind: "execution-timeout" });
    expect(view.newestFailure?.headline).toContain("timed out");
    expect(view.statuses).toEqual(["TIMED_OUT"]);
    // The first page already reached an hour before the window: no second ListExecutions.
    expect(d.listExecutionsPage).toHaveBeenCalledTimes(1);
    expect(d.listExecutionsPage).toHaveBeenCalledWith({ stateMachineArn: SM, statusFilter: "TIMED_OUT", nextToken: undefined });
    expect(d.describeAlarmHistory).not.toHaveBeenCalled();
  });

  it("keeps the link's window, and reads older pages while they are within the lookback", async () => {
    let calls = 0;
    const d = deps({
      listExecutionsPage: vi.fn(async () => {
        calls += 1;
        return calls === 1 ? { executions: [exec("late", "2026-12-01T20:40:00.000Z", "2026-12-01T20:40:30.000Z")], nextToken: "t" } : { executions: [exec("tripped", "2026-12-01T20:34:01.000Z", "2026-12-01T20:34:31.000Z")], nextToken: null };
      }),
    });
    const view = await buildAlarmView({ region: "us-east-1", alarmName: alarm.alarmName, from: "2026-12-01T20:34:00.000Z", to: "2026-12-01T20:35:00.000Z" }, d);
    expect(view.breach?.source).toBe("reason-data");
    expect(view.tripping.map((e) => e.name)).toEqual(["tripped"]);
    expect(view.listing).toEqual({ pages: 2, reachedBeforeWindow: true });
  });

  it("asks DescribeAlarmHistory when the alarm has moved on since `at`, and says so when it can't", async () => {
    const ok: AlarmDetail = { ...alarm, stateValue: "OK", stateReason: "Threshold Crossed: no datapoints", stateReasonData: null, stateTransitionedTimestamp: "2026-12-01T20:45:00.000Z", stateUpdatedTimestamp: "2026-12-01T20:45:00.000Z" };
    const history = vi.fn(async () => [{ timestamp: "2026-12-01T20:35:51.000Z", oldState: "OK", newState: "ALARM", reason: alarm.stateReason, reasonData: { period: 60, evaluatedDatapoints: [{ timestamp: "2026-12-01T20:34:00.000+0000", value: 1 }] } }]);
    const view = await buildAlarmView({ region: "us-east-1", alarmName: alarm.alarmName, at: "2026-12-01T20:35:51.000Z" }, deps({ describeAlarm: vi.fn(async () => ok), describeAlarmHistory: history }));
    expect(history).toHaveBeenCalledTimes(1);
    expect(view.tripping.map((e) => e.name)).toEqual(["tripped"]);

    const failing = vi.fn(async () => {
      throw new AwsError("unknown", "DescribeAlarmHistory", "not implemented");
    });
    const unknown = await buildAlarmView({ region: "us-east-1", alarmName: alarm.alarmName }, deps({ describeAlarm: vi.fn(async () => ok), describeAlarmHistory: failing }));
    expect(unknown.breach).toBeNull();
    expect(unknown.breachUnknown).toContain("could not be read");
    // Never an empty page: the newest executions of that status instead.
    expect(unknown.nearest.before.map((e) => e.name)).toEqual(["after", "tripped", "old"]);
  });

  it("answers AlarmNotFoundError for an unknown alarm, and names the problem of an alarm on another namespace", async () => {
    await expect(buildAlarmView({ region: "us-east-1", alarmName: "nope" }, deps({ describeAlarm: vi.fn(async () => null) }))).rejects.toBeInstanceOf(AlarmNotFoundError);
    const lambda: AlarmDetail = { ...alarm, namespace: "AWS/Lambda", metricName: "Errors", dimensions: [] };
    const d = deps({ describeAlarm: vi.fn(async () => lambda) });
    const view = await buildAlarmView({ region: "us-east-1", alarmName: "lambda-errors" }, d);
    expect(view.problem).toContain("AWS/Lambda, not AWS/States");
    expect(d.listExecutionsPage).not.toHaveBeenCalled();
  });

  it("reads a metric-math alarm's metrics for its state machine, statuses and period", async () => {
    const math: AlarmDetail = {
      ...alarm,
      namespace: null,
      metricName: null,
      dimensions: [],
      periodSeconds: null,
      stateReasonData: null,
      metrics: [{ id: "m1", namespace: "AWS/States", metricName: "ExecutionsTimedOut", dimensions: [{ name: "StateMachineArn", value: SM }], stat: "Sum", periodSeconds: 300 }],
      stateReason: "Threshold Crossed: 1 out of the last 1 datapoints [1.0 (01/12/26 20:30:00)] was greater than or equal to the threshold (1.0).",
    };
    const view = await buildAlarmView({ region: "us-east-1", alarmName: "order-flow-timed-out" }, deps({ describeAlarm: vi.fn(async () => math) }));
    expect(view.breach).toMatchObject({ periodSeconds: 300, from: "2026-12-01T20:30:00.000Z", to: "2026-12-01T20:35:00.000Z", source: "reason-text" });
    expect(view.tripping.map((e) => e.name)).toEqual(["tripped"]);
  });
});
