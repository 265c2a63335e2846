import { describe, expect, it } from "vitest";
import { AlarmMessageError, parseAlarmNotification } from "./alarm-message";

const SM = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";

/** An alarm notification as CloudWatch publishes it to SNS (AWS-FACTS.md: Alarm SNS message JSON). */
function alarmJson(overrides: Record<string, unknown> = {}, trigger: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    AlarmName: "orders-failed",
    AlarmDescription: "Orders pipeline failures",
    AWSAccountId: "123456789012",
    NewStateValue: "ALARM",
    NewStateReason: "Threshold Crossed: 1 out of the last 3 datapoints [2.0 (01/06/25 11:55:00)] was greater than the threshold (0.0).",
    StateChangeTime: "2025-06-01T12:00:00.000+0000",
    Region: "US East (N. Virginia)",
    AlarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-failed",
    OldStateValue: "OK",
    Trigger: {
      MetricName: "ExecutionsFailed",
      Namespace: "AWS/States",
      StatisticType: "Statistic",
      Statistic: "SUM",
      Unit: null,
      Dimensions: [{ value: SM, name: "StateMachineArn" }],
      Period: 300,
      EvaluationPeriods: 3,
      ComparisonOperator: "GreaterThanThreshold",
      Threshold: 0,
      ...trigger,
    },
    ...overrides,
  };
}

function snsEnvelope(message: string): string {
  return JSON.stringify({
    Type: "Notification",
    MessageId: "9a8b7c6d-0000-4000-8000-000000000000",
    TopicArn: "arn:aws:sns:us-east-1:123456789012:alerts",
    Subject: 'ALARM: "orders-failed" in US East (N. Virginia)',
    Message: message,
    Timestamp: "2025-06-01T12:00:01.000Z",
  });
}

function parseError(text: string): AlarmMessageError {
  try {
    parseAlarmNotification(text);
  } catch (error) {
    if (error instanceof AlarmMessageError) return error;
    throw new Error(`parseAlarmNotification threw something other than AlarmMessageError: ${String(error)}`);
  }
  throw new Error("parseAlarmNotification accepted the text");
}

describe("parseAlarmNotification: SNS", () => {
  it("reads the alarm JSON; the breach window comes from the datapoint in NewStateReason, not StateChangeTime", () => {
    expect(parseAlarmNotification(JSON.stringify(alarmJson()))).toEqual({
      format: "sns",
      alarmName: "orders-failed",
      alarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-failed",
      region: "us-east-1",
      newStateValue: "ALARM",
      stateChangeTime: "2025-06-01T12:00:00.000Z",
      reason: "Threshold Crossed: 1 out of the last 3 datapoints [2.0 (01/06/25 11:55:00)] was greater than the threshold (0.0).",
      metrics: [{ namespace: "AWS/States", metricName: "ExecutionsFailed", dimensions: [{ name: "StateMachineArn", value: SM }], periodSeconds: 300 }],
      metricMath: false,
      stateMachineArn: SM,
      threshold: 0,
      comparisonOperator: "GreaterThanThreshold",
      periodSeconds: 300,
      evaluationPeriods: 3,
      // The datapoint's timestamp is the START of its 300 s period.
      breach: { periodSeconds: 300, datapoints: [{ timestamp: "2025-06-01T11:55:00.000Z", value: 2 }], from: "2025-06-01T11:55:00.000Z", to: "2025-06-01T12:00:00.000Z", source: "reason-text" },
    });
  });

  it("unwraps the SNS envelope, and the Lambda SNS event around it", () => {
    const raw = parseAlarmNotification(JSON.stringify(alarmJson()));
    expect(parseAlarmNotification(snsEnvelope(JSON.stringify(alarmJson())))).toEqual(raw);
    const lambdaEvent = JSON.stringify({ Records: [{ EventSource: "aws:sns", Sns: JSON.parse(snsEnvelope(JSON.stringify(alarmJson()))) }] });
    expect(parseAlarmNotification(lambdaEvent)).toEqual(raw);
  });

  it("keeps the window on the breaching period when StateChangeTime is 80 s after it", () => {
    // A TIMED_OUT execution closed at 20:34:31; CloudWatch evaluated at 20:35:51 (80 s later).
    const parsed = parseAlarmNotification(
      JSON.stringify(
        alarmJson(
          {
            NewStateReason: "Threshold Crossed: 1 out of the last 1 datapoints [1.0 (01/12/26 20:34:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).",
            StateChangeTime: "2026-12-01T20:35:51.000+0000",
          },
          { MetricName: "ExecutionsTimedOut", Period: 60, EvaluationPeriods: 1, ComparisonOperator: "GreaterThanOrEqualToThreshold", Threshold: 1 },
        ),
      ),
    );
    expect(parsed.breach).toMatchObject({ from: "2026-12-01T20:34:00.000Z", to: "2026-12-01T20:35:00.000Z", source: "reason-text" });
  });

  it("reads every datapoint of an M-out-of-N reason, keeping only those that breached", () => {
    const reason =
      "Threshold Crossed: 2 out of the last 3 datapoints [3.0 (01/06/25 11:50:00), 0.0 (01/06/25 11:45:00), 1.0 (01/06/25 11:40:00)] was greater than the threshold (0.0) (minimum 2 datapoints for OK -> ALARM transition).";
    const parsed = parseAlarmNotification(JSON.stringify(alarmJson({ NewStateReason: reason })));
    expect(parsed.breach?.datapoints).toEqual([
      { timestamp: "2025-06-01T11:40:00.000Z", value: 1 },
      { timestamp: "2025-06-01T11:50:00.000Z", value: 3 },
    ]);
    expect(parsed.breach).toMatchObject({ from: "2025-06-01T11:40:00.000Z", to: "2025-06-01T11:55:00.000Z" });
  });

  it("reads a metric-math alarm's Trigger.Metrics[]: its AWS/States metric, dimension and period", () => {
    // As CloudWatch sends it: PascalCase entries, MetricStat.Period, no MetricName in Trigger.
    const parsed = parseAlarmNotification(
      JSON.stringify(
        alarmJson({
          NewStateReason: "Threshold Crossed: 1 out of the last 1 datapoints [1.0 (01/06/25 11:58:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).",
          Trigger: {
            Period: 60,
            EvaluationPeriods: 1,
            ComparisonOperator: "GreaterThanOrEqualToThreshold",
            Threshold: 1,
            Metrics: [
              { Expression: "failed + timedOut", Id: "e1", ReturnData: true },
              { Id: "failed", MetricStat: { Metric: { Dimensions: [{ value: SM, name: "StateMachineArn" }], MetricName: "ExecutionsFailed", Namespace: "AWS/States" }, Period: 120, Stat: "Sum" }, ReturnData: false },
              { Id: "timedOut", MetricStat: { Metric: { Dimensions: [{ value: SM, name: "StateMachineArn" }], MetricName: "ExecutionsTimedOut", Namespace: "AWS/States" }, Period: 120, Stat: "Sum" }, ReturnData: false },
            ],
          },
        }),
      ),
    );
    expect(parsed).toMatchObject({ metricMath: true, stateMachineArn: SM, periodSeconds: 60 });
    expect(parsed.metrics.map((m) => m.metricName)).toEqual(["ExecutionsFailed", "ExecutionsTimedOut"]);
    const noOwnPeriod = parseAlarmNotification(
      JSON.stringify(alarmJson({ Trigger: { ...(JSON.parse(JSON.stringify(alarmJson())) as { Trigger: object }).Trigger, MetricName: undefined, Namespace: undefined, Dimensions: undefined, Period: undefined, Metrics: [{ Id: "m1", MetricStat: { Metric: { MetricName: "ExecutionsTimedOut", Namespace: "AWS/States", Dimensions: [{ value: SM, name: "StateMachineArn" }] }, Period: 120, Stat: "Sum" }, ReturnData: true }] } })),
    );
    // With no Trigger.Period, the metrics' own period is the datapoints' period.
    expect(noOwnPeriod.periodSeconds).toBe(120);
    expect(noOwnPeriod.breach).toMatchObject({ from: "2025-06-01T11:55:00.000Z", to: "2025-06-01T11:57:00.000Z", periodSeconds: 120 });
  });

  it("accepts API-style {Name, Value} dimensions as well as SNS-style {name, value}", () => {
    const parsed = parseAlarmNotification(JSON.stringify(alarmJson({}, { Dimensions: [{ Name: "StateMachineArn", Value: SM }] })));
    expect(parsed.stateMachineArn).toBe(SM);
  });

  it("ignores other dimensions and keeps the StateMachineArn one", () => {
    const dims = [
      { name: "LambdaFunctionArn", value: "arn:aws:lambda:us-east-1:123456789012:function:f" },
      { name: "StateMachineArn", value: SM },
      "not a dimension",
    ];
    expect(parseAlarmNotification(JSON.stringify(alarmJson({}, { Dimensions: dims }))).stateMachineArn).toBe(SM);
  });

  it("falls back to an approximate window ending at StateChangeTime only when the reason names no timestamp", () => {
    // Old reasons carry the value only: "1 datapoint (12.49)".
    const parsed = parseAlarmNotification(JSON.stringify(alarmJson({ NewStateReason: "Threshold Crossed: 1 datapoint (12.4) was greater than the threshold (0.0)." }, { Period: "60", EvaluationPeriods: undefined })));
    expect(parsed.breach).toEqual({ periodSeconds: 60, datapoints: [], from: "2025-06-01T11:54:00.000Z", to: "2025-06-01T12:00:00.000Z", source: "approximate" });
  });

  it("has no window without a period, or without both a timestamp and a StateChangeTime", () => {
    const noTime = { NewStateReason: "Threshold Crossed", StateChangeTime: undefined };
    expect(parseAlarmNotification(JSON.stringify(alarmJson(noTime))).breach).toBeNull();
    expect(parseAlarmNotification(JSON.stringify(alarmJson({ ...noTime, StateChangeTime: "yesterday" }))).breach).toBeNull();
    const noPeriod = parseAlarmNotification(JSON.stringify(alarmJson({}, { Period: undefined, EvaluationPeriods: undefined })));
    expect(noPeriod).toMatchObject({ breach: null, periodSeconds: null, evaluationPeriods: null });
    expect(parseAlarmNotification(JSON.stringify(alarmJson({}, { Period: -60 }))).breach).toBeNull();
  });

  it("skips impossible dates in the reason (31/02) rather than rolling them over", () => {
    const parsed = parseAlarmNotification(JSON.stringify(alarmJson({ NewStateReason: "Threshold Crossed: 1 datapoint [2.0 (31/02/25 11:55:00)] was greater than the threshold (0.0)." })));
    expect(parsed.breach?.source).toBe("approximate");
  });

  it("reports another namespace as it is (the caller rejects it)", () => {
    expect(parseAlarmNotification(JSON.stringify(alarmJson({}, { Namespace: "AWS/Lambda" }))).metrics[0]?.namespace).toBe("AWS/Lambda");
  });

  it.each([
    ["broken JSON", '{"AlarmName": "orders-failed",', "not valid JSON"],
    ["a JSON array", '[{"AlarmName": "orders-failed"}]', "must be a JSON object"],
    ["a JSON string", '"orders-failed"', "must be a JSON object"],
    ["no AlarmName", JSON.stringify(alarmJson({ AlarmName: undefined })), "no AlarmName"],
    ["an empty AlarmName", JSON.stringify(alarmJson({ AlarmName: "" })), "no AlarmName"],
    ["an envelope around broken JSON", snsEnvelope('{"AlarmName":'), "not valid JSON"],
    ["a subscription confirmation", JSON.stringify({ Type: "SubscriptionConfirmation", Message: JSON.stringify(alarmJson()) }), "no AlarmName"],
    ["another EventBridge event", JSON.stringify({ "detail-type": "Step Functions Execution Status Change", source: "aws.states", detail: {} }), "not a \"CloudWatch Alarm State Change\""],
    ["an alarm event without detail", JSON.stringify({ "detail-type": "CloudWatch Alarm State Change", source: "aws.cloudwatch" }), "no detail"],
  ])("rejects %s", (_label, text, message) => {
    expect(parseError(text).message).toContain(message);
  });

  it("accepts 262,144 characters and rejects one more, as SNS caps messages at 256 KiB", () => {
    const base = JSON.stringify(alarmJson({ AlarmDescription: "" }));
    const atCap = JSON.stringify(alarmJson({ AlarmDescription: "d".repeat(262_144 - base.length) }));
    expect(atCap).toHaveLength(262_144);
    expect(parseAlarmNotification(atCap).alarmName).toBe("orders-failed");
    const over = JSON.stringify(alarmJson({ AlarmDescription: "d".repeat(262_145 - base.length) }));
    expect(parseError(over).message).toBe("The message is 262145 characters; SNS messages are at most 262144.");
  });

  it("has no window, and does not throw, when Period × EvaluationPeriods is absurd", () => {
    for (const trigger of [{ Period: 1e20 }, { Period: 86_400, EvaluationPeriods: 1e12 }, { Period: Number.MAX_VALUE }]) {
      const text = JSON.stringify(alarmJson({ NewStateReason: "Threshold Crossed" }, trigger));
      expect(() => parseAlarmNotification(text)).not.toThrow();
      expect(parseAlarmNotification(text).breach).toBeNull();
    }
  });
});

/** The EventBridge event as CloudWatch sends it (docs/aws-facts-alarms.md): reasonData is a JSON string. */
function alarmEvent(reasonData: Record<string, unknown> | null, metrics?: unknown[]): string {
  return JSON.stringify({
    version: "0",
    id: "c4c1c1c9-6542-e61b-6ef0-8c4d36933a92",
    "detail-type": "CloudWatch Alarm State Change",
    source: "aws.cloudwatch",
    account: "123456789012",
    time: "2026-12-01T20:35:51Z",
    region: "us-east-1",
    resources: ["arn:aws:cloudwatch:us-east-1:123456789012:alarm:file-pipeline-timed-out"],
    detail: {
      alarmName: "file-pipeline-timed-out",
      configuration: {
        description: "timeouts",
        metrics: metrics ?? [
          { id: "m1", metricStat: { metric: { dimensions: { StateMachineArn: SM }, name: "ExecutionsTimedOut", namespace: "AWS/States" }, period: 60, stat: "Sum" }, returnData: true },
        ],
      },
      previousState: { reason: "Unchecked: Initial alarm creation", timestamp: "2026-12-01T20:00:00.000+0000", value: "OK" },
      state: {
        reason: "Threshold Crossed: 1 out of the last 1 datapoints [1.0 (01/12/26 20:30:00)] was greater than or equal to the threshold (1.0) (minimum 1 datapoint for OK -> ALARM transition).",
        ...(reasonData ? { reasonData: JSON.stringify(reasonData) } : {}),
        timestamp: "2026-12-01T20:35:51.123+0000",
        value: "ALARM",
      },
    },
  });
}

describe("parseAlarmNotification: EventBridge", () => {
  const reasonData = {
    version: "1.0",
    queryDate: "2026-12-01T20:35:51.100+0000",
    startDate: "2026-12-01T20:34:00.000+0000",
    statistic: "Sum",
    period: 60,
    recentDatapoints: [1.0],
    threshold: 1.0,
    evaluatedDatapoints: [{ timestamp: "2026-12-01T20:34:00.000+0000", sampleCount: 1.0, value: 1.0 }],
  };

  it("reads alarm, region, metric, state machine and the breach from reasonData.evaluatedDatapoints", () => {
    const parsed = parseAlarmNotification(alarmEvent(reasonData));
    expect(parsed).toMatchObject({
      format: "eventbridge",
      alarmName: "file-pipeline-timed-out",
      alarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:file-pipeline-timed-out",
      region: "us-east-1",
      newStateValue: "ALARM",
      stateChangeTime: "2026-12-01T20:35:51.123Z",
      metricMath: false,
      stateMachineArn: SM,
      periodSeconds: 60,
    });
    expect(parsed.metrics).toEqual([{ namespace: "AWS/States", metricName: "ExecutionsTimedOut", dimensions: [{ name: "StateMachineArn", value: SM }], periodSeconds: 60 }]);
    // evaluatedDatapoints win over the reason text (which here names another minute on purpose).
    expect(parsed.breach).toEqual({ periodSeconds: 60, datapoints: [{ timestamp: "2026-12-01T20:34:00.000Z", value: 1 }], from: "2026-12-01T20:34:00.000Z", to: "2026-12-01T20:35:00.000Z", source: "reason-data" });
  });

  it("falls back to the reason text when reasonData has no evaluatedDatapoints (as in AWS's own sample)", () => {
    const { evaluatedDatapoints: _dropped, ...older } = reasonData;
    expect(parseAlarmNotification(alarmEvent(older)).breach).toMatchObject({ from: "2026-12-01T20:30:00.000Z", to: "2026-12-01T20:31:00.000Z", source: "reason-text" });
  });

  it("keeps every evaluated datapoint when the event names no ComparisonOperator", () => {
    const two = { ...reasonData, evaluatedDatapoints: [{ timestamp: "2026-12-01T20:34:00.000+0000", value: 2 }, { timestamp: "2026-12-01T20:33:00.000+0000", value: 0 }] };
    const parsed = parseAlarmNotification(alarmEvent(two, [{ id: "m1", metricStat: { metric: { dimensions: { StateMachineArn: SM }, name: "ExecutionsTimedOut", namespace: "AWS/States" }, period: 60, stat: "Sum" }, returnData: true }]));
    // No comparisonOperator in the event: every evaluated datapoint is kept.
    expect(parsed.breach?.datapoints).toHaveLength(2);
  });

  it("reads a metric-math alarm event: expression plus metricStat entries", () => {
    const metrics = [
      { expression: "m1 + m2", id: "e1", label: "failures", returnData: true },
      { id: "m1", metricStat: { metric: { dimensions: { StateMachineArn: SM }, name: "ExecutionsFailed", namespace: "AWS/States" }, period: 300, stat: "Sum" }, returnData: false },
      { id: "m2", metricStat: { metric: { dimensions: { StateMachineArn: SM }, name: "ExecutionsTimedOut", namespace: "AWS/States" }, period: 300, stat: "Sum" }, returnData: false },
    ];
    const { evaluatedDatapoints: _dropped, period: _period, ...noPeriod } = reasonData;
    const parsed = parseAlarmNotification(alarmEvent(noPeriod, metrics));
    expect(parsed).toMatchObject({ metricMath: true, stateMachineArn: SM, periodSeconds: 300 });
    expect(parsed.breach).toMatchObject({ from: "2026-12-01T20:30:00.000Z", to: "2026-12-01T20:35:00.000Z", periodSeconds: 300 });
  });

  it("reads the Lambda alarm action's payload (alarmData) the same way", () => {
    const event = JSON.parse(alarmEvent(reasonData)) as { detail: unknown };
    const lambda = JSON.stringify({ source: "aws.cloudwatch", alarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:file-pipeline-timed-out", accountId: "123456789012", time: "2026-12-01T20:35:51.123+0000", region: "us-east-1", alarmData: event.detail });
    expect(parseAlarmNotification(lambda).breach).toEqual(parseAlarmNotification(alarmEvent(reasonData)).breach);
  });
});
