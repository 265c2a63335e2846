import { beforeEach, describe, expect, it, vi } from "vitest";

const describeAlarm = vi.fn();
vi.mock("@/lib/aws", () => ({ describeAlarm: (...args: unknown[]) => describeAlarm(...args) }));
vi.mock("@/lib/aws/clients", () => ({ configuredRegions: () => ["us-east-1", "eu-west-1"] }));

const { resolveGo } = await import("./go");

const SM = "arn:aws:states:us-east-1:123456789012:stateMachine:file-pipeline";

describe("resolveGo", () => {
  beforeEach(() => describeAlarm.mockReset());

  it("refuses javascript: and data: with a 400 that echoes nothing, and costs no DescribeAlarms", async () => {
    for (const q of ["javascript:alert(1)", "data:text/html,<b>x</b>"]) {
      expect(await resolveGo(q)).toMatchObject({ status: 400, echo: false });
    }
    expect(describeAlarm).not.toHaveBeenCalled();
  });

  it("sends an alarm notification to the alarm view with at, from and to, without asking AWS", async () => {
    const q = JSON.stringify({
      AlarmName: "file-pipeline-timed-out",
      AlarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:file-pipeline-timed-out",
      NewStateReason: "Threshold Crossed: 1 out of the last 1 datapoints [1.0 (01/12/26 20:34:00)] was greater than or equal to the threshold (1.0).",
      StateChangeTime: "2026-12-01T20:35:51.000+0000",
      Trigger: { MetricName: "ExecutionsTimedOut", Namespace: "AWS/States", Dimensions: [{ value: SM, name: "StateMachineArn" }], Period: 60, EvaluationPeriods: 1 },
    });
    expect(await resolveGo(q)).toEqual({
      location: "/alarms/us-east-1/file-pipeline-timed-out?at=2026-12-01T20%3A35%3A51.000Z&from=2026-12-01T20%3A34%3A00.000Z&to=2026-12-01T20%3A35%3A00.000Z",
    });
    expect(describeAlarm).not.toHaveBeenCalled();
  });

  it("looks an alarm name up region by region, one DescribeAlarms each, and pins a firing alarm's state change", async () => {
    describeAlarm.mockImplementation(async (region: string) => (region === "eu-west-1" ? { alarmName: "a/b", stateValue: "ALARM", stateTransitionedTimestamp: "2026-12-01T20:35:51.000Z", stateUpdatedTimestamp: null } : null));
    expect(await resolveGo("a/b")).toEqual({ location: "/alarms/eu-west-1/a%2Fb?at=2026-12-01T20%3A35%3A51.000Z" });
    // The third argument is the account (none named: the default one).
    expect(describeAlarm.mock.calls).toEqual([
      ["us-east-1", "a/b", undefined],
      ["eu-west-1", "a/b", undefined],
    ]);
    describeAlarm.mockResolvedValue(null);
    expect(await resolveGo("nope")).toMatchObject({ status: 404 });
    // An alarm ARN names its region: only that one is asked.
    describeAlarm.mockClear();
    await resolveGo("arn:aws:cloudwatch:eu-west-1:123456789012:alarm:nope");
    expect(describeAlarm.mock.calls).toEqual([["eu-west-1", "nope", undefined]]);
  });
});
