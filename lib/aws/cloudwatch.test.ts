import { beforeEach, describe, expect, it } from "vitest";
import { mockClient } from "aws-sdk-client-mock";
import {
  CloudWatchClient,
  CloudWatchServiceException,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  type MetricDataQuery,
} from "@aws-sdk/client-cloudwatch";
import { EXECUTION_METRIC_SERIES } from "@/lib/domain/metrics";
import { resetClients } from "./clients";
import { describeAlarm, describeAlarmHistory, describeAlarms, getExecutionCounts, getExecutionMetrics } from "./cloudwatch";

const cloudWatch = mockClient(CloudWatchClient);
const arn = (name: string) => `arn:aws:states:us-east-1:123456789012:stateMachine:${name}`;
const FROM = new Date("2026-01-01T00:00:00Z");
const TO = new Date("2026-01-02T00:00:00Z");
const hour = (h: number) => new Date(Date.UTC(2026, 0, 1, h));

beforeEach(() => {
  cloudWatch.reset();
  resetClients();
});

function queriesOf(call: number): MetricDataQuery[] {
  return cloudWatch.commandCalls(GetMetricDataCommand)[call]!.args[0].input.MetricDataQueries ?? [];
}

function idOf(queries: MetricDataQuery[], stateMachineArn: string, metricName: string, stat: string): string {
  const query = queries.find(
    (q) =>
      q.MetricStat?.Metric?.MetricName === metricName &&
      q.MetricStat.Stat === stat &&
      q.MetricStat.Metric.Dimensions?.[0]?.Value === stateMachineArn,
  );
  if (!query?.Id) throw new Error(`no query for ${stateMachineArn} ${metricName} ${stat}`);
  return query.Id;
}

describe("getExecutionMetrics", () => {
  it("asks for every state machine in one GetMetricData call: six Sums, ExecutionTime Average and p99", async () => {
    cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    const arns = [arn("a"), arn("b"), arn("c")];
    const metrics = await getExecutionMetrics("us-east-1", { stateMachineArns: arns, from: FROM, to: TO, periodSeconds: 300 });

    const calls = cloudWatch.commandCalls(GetMetricDataCommand);
    expect(calls).toHaveLength(1);
    const input = calls[0]!.args[0].input;
    expect(input).toMatchObject({ StartTime: FROM, EndTime: TO, ScanBy: "TimestampAscending" });
    const queries = queriesOf(0);
    expect(queries).toHaveLength(24);
    expect(new Set(queries.map((q) => q.Id)).size).toBe(24);
    for (const query of queries) {
      expect(query.Id).toMatch(/^[a-z][a-zA-Z0-9_]*$/);
      expect(query.ReturnData).toBe(true);
      expect(query.MetricStat?.Period).toBe(300);
      expect(query.MetricStat?.Metric?.Namespace).toBe("AWS/States");
      expect(query.MetricStat?.Metric?.Dimensions).toEqual([{ Name: "StateMachineArn", Value: expect.any(String) }]);
    }
    for (const stateMachineArn of arns) {
      const mine = queries.filter((q) => q.MetricStat?.Metric?.Dimensions?.[0]?.Value === stateMachineArn);
      expect(mine.map((q) => `${q.MetricStat?.Metric?.MetricName}:${q.MetricStat?.Stat}`).sort()).toEqual([
        "ExecutionThrottled:Sum",
        "ExecutionTime:Average",
        "ExecutionTime:p99",
        "ExecutionsAborted:Sum",
        "ExecutionsFailed:Sum",
        "ExecutionsStarted:Sum",
        "ExecutionsSucceeded:Sum",
        "ExecutionsTimedOut:Sum",
      ]);
    }
    expect(Object.keys(metrics.byStateMachine)).toEqual(arns);
    expect(Object.keys(metrics.byStateMachine[arn("a")]!).sort()).toEqual(EXECUTION_METRIC_SERIES.map((s) => s.key).sort());
    expect(metrics).toMatchObject({ region: "us-east-1", from: FROM.toISOString(), to: TO.toISOString(), periodSeconds: 300, partial: false });
  });

  it("splits only above 500 queries (62 state machines fit, 63 do not)", async () => {
    cloudWatch.on(GetMetricDataCommand).resolves({ MetricDataResults: [] });
    const many = (n: number) => Array.from({ length: n }, (_, i) => arn(`sm${i}`));
    await getExecutionMetrics("us-east-1", { stateMachineArns: many(62), from: FROM, to: TO, periodSeconds: 60 });
    expect(cloudWatch.commandCalls(GetMetricDataCommand).map((_, i) => queriesOf(i).length)).toEqual([496]);
    cloudWatch.resetHistory();
    await getExecutionMetrics("us-east-1", { stateMachineArns: many(70), from: FROM, to: TO, periodSeconds: 60 });
    expect(cloudWatch.commandCalls(GetMetricDataCommand).map((_, i) => queriesOf(i).length)).toEqual([500, 60]);
    const ids = [...queriesOf(0), ...queriesOf(1)].map((q) => q.Id);
    expect(new Set(ids).size).toBe(560);
  });

  it("makes no call for no state machines", async () => {
    const metrics = await getExecutionMetrics("us-east-1", { stateMachineArns: [], from: FROM, to: TO, periodSeconds: 60 });
    expect(cloudWatch.calls()).toHaveLength(0);
    expect(metrics.byStateMachine).toEqual({});
  });

  it("follows NextToken, merges pages per series and sorts points ascending", async () => {
    cloudWatch.on(GetMetricDataCommand).callsFake((input: { NextToken?: string; MetricDataQueries: MetricDataQuery[] }) => {
      const failedA = idOf(input.MetricDataQueries, arn("a"), "ExecutionsFailed", "Sum");
      const p99B = idOf(input.MetricDataQueries, arn("b"), "ExecutionTime", "p99");
      if (!input.NextToken) {
        return {
          MetricDataResults: [
            { Id: failedA, Timestamps: [hour(3), hour(1)], Values: [3, 1], StatusCode: "PartialData" },
            { Id: p99B, Timestamps: [hour(2)], Values: [1234.5], StatusCode: "Complete" },
          ],
          NextToken: "page-2",
        };
      }
      return { MetricDataResults: [{ Id: failedA, Timestamps: [hour(2)], Values: [2], StatusCode: "Complete" }] };
    });
    const metrics = await getExecutionMetrics("us-east-1", {
      stateMachineArns: [arn("a"), arn("b")],
      from: FROM,
      to: TO,
      periodSeconds: 3600,
    });
    const calls = cloudWatch.commandCalls(GetMetricDataCommand);
    expect(calls.map((c) => c.args[0].input.NextToken)).toEqual([undefined, "page-2"]);
    expect(calls[1]!.args[0].input.MetricDataQueries).toEqual(calls[0]!.args[0].input.MetricDataQueries);
    expect(metrics.byStateMachine[arn("a")]!["ExecutionsFailed:Sum"]).toEqual([
      { timestamp: "2026-01-01T01:00:00.000Z", value: 1 },
      { timestamp: "2026-01-01T02:00:00.000Z", value: 2 },
      { timestamp: "2026-01-01T03:00:00.000Z", value: 3 },
    ]);
    expect(metrics.byStateMachine[arn("b")]!["ExecutionTime:p99"]).toEqual([{ timestamp: "2026-01-01T02:00:00.000Z", value: 1234.5 }]);
    expect(metrics.byStateMachine[arn("b")]!["ExecutionsFailed:Sum"]).toEqual([]);
    // PartialData on a page that has a next page is only "to be continued".
    expect(metrics.partial).toBe(false);
  });

  it("flags partial data when a series ends with a status other than Complete", async () => {
    cloudWatch.on(GetMetricDataCommand).callsFake((input: { MetricDataQueries: MetricDataQuery[] }) => ({
      MetricDataResults: [
        {
          Id: idOf(input.MetricDataQueries, arn("a"), "ExecutionsStarted", "Sum"),
          Timestamps: [],
          Values: [],
          StatusCode: "InternalError",
          Messages: [{ Code: "InternalError", Value: "try later" }],
        },
      ],
    }));
    const metrics = await getExecutionMetrics("us-east-1", { stateMachineArns: [arn("a")], from: FROM, to: TO, periodSeconds: 60 });
    expect(metrics.partial).toBe(true);
    expect(metrics.messages).toEqual([`ExecutionsStarted:Sum ${arn("a")}: InternalError: try later`]);
  });

  it("maps CloudWatch's Throttling to a retryable AwsError", async () => {
    cloudWatch
      .on(GetMetricDataCommand)
      .rejects(new CloudWatchServiceException({ name: "Throttling", $fault: "client", message: "Rate exceeded", $metadata: { httpStatusCode: 400 } }));
    await expect(
      getExecutionMetrics("us-east-1", { stateMachineArns: [arn("a")], from: FROM, to: TO, periodSeconds: 60 }),
    ).rejects.toMatchObject({ kind: "throttled", retryable: true, operation: "GetMetricData", awsCode: "Throttling" });
  });
});

describe("describeAlarms", () => {
  it("pages through metric alarms and reshapes plain and metric-math alarms", async () => {
    cloudWatch
      .on(DescribeAlarmsCommand)
      .resolvesOnce({
        MetricAlarms: [
          {
            AlarmName: "orders-timeouts",
            AlarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-timeouts",
            AlarmDescription: "Runbook: http://127.0.0.1:3000/state-machines/…",
            StateValue: "ALARM",
            StateReason: "Threshold Crossed",
            StateUpdatedTimestamp: new Date("2026-01-01T10:00:00Z"),
            Namespace: "AWS/States",
            MetricName: "ExecutionsTimedOut",
            Dimensions: [{ Name: "StateMachineArn", Value: arn("orders") }],
            Statistic: "Sum",
            Period: 300,
            EvaluationPeriods: 1,
            Threshold: 0,
            ComparisonOperator: "GreaterThanThreshold",
            ActionsEnabled: true,
          },
        ],
        NextToken: "more",
      })
      .resolvesOnce({
        MetricAlarms: [
          {
            AlarmName: "failure-rate",
            AlarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:failure-rate",
            StateValue: "OK",
            EvaluationPeriods: 3,
            Threshold: 0.05,
            ComparisonOperator: "GreaterThanOrEqualToThreshold",
            ActionsEnabled: false,
            Metrics: [
              {
                Id: "failed",
                MetricStat: {
                  Metric: { Namespace: "AWS/States", MetricName: "ExecutionsFailed", Dimensions: [{ Name: "StateMachineArn", Value: arn("pay") }] },
                  Period: 60,
                  Stat: "Sum",
                },
                ReturnData: false,
              },
              { Id: "rate", Expression: "failed / 100", ReturnData: true },
            ],
          },
        ],
      });
    const alarms = await describeAlarms("us-east-1");

    const inputs = cloudWatch.commandCalls(DescribeAlarmsCommand).map((c) => c.args[0].input);
    expect(inputs).toEqual([
      { AlarmTypes: ["MetricAlarm"], MaxRecords: 100, NextToken: undefined },
      { AlarmTypes: ["MetricAlarm"], MaxRecords: 100, NextToken: "more" },
    ]);
    expect(alarms).toEqual([
      {
        alarmName: "orders-timeouts",
        alarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:orders-timeouts",
        alarmDescription: "Runbook: http://127.0.0.1:3000/state-machines/…",
        stateValue: "ALARM",
        stateReason: "Threshold Crossed",
        stateUpdatedTimestamp: "2026-01-01T10:00:00.000Z",
        namespace: "AWS/States",
        metricName: "ExecutionsTimedOut",
        dimensions: [{ name: "StateMachineArn", value: arn("orders") }],
        metrics: [],
        statistic: "Sum",
        threshold: 0,
        comparisonOperator: "GreaterThanThreshold",
        evaluationPeriods: 1,
        periodSeconds: 300,
        actionsEnabled: true,
      },
      {
        alarmName: "failure-rate",
        alarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:failure-rate",
        alarmDescription: null,
        stateValue: "OK",
        stateReason: null,
        stateUpdatedTimestamp: null,
        namespace: null,
        metricName: null,
        dimensions: [],
        metrics: [
          {
            id: "failed",
            namespace: "AWS/States",
            metricName: "ExecutionsFailed",
            dimensions: [{ name: "StateMachineArn", value: arn("pay") }],
            stat: "Sum",
            periodSeconds: 60,
          },
          { id: "rate", expression: "failed / 100" },
        ],
        statistic: null,
        threshold: 0.05,
        comparisonOperator: "GreaterThanOrEqualToThreshold",
        evaluationPeriods: 3,
        periodSeconds: null,
        actionsEnabled: false,
      },
    ]);
  });

  it("maps AccessDenied to access-denied (403)", async () => {
    cloudWatch
      .on(DescribeAlarmsCommand)
      .rejects(new CloudWatchServiceException({ name: "AccessDenied", $fault: "client", message: "no", $metadata: { httpStatusCode: 403 } }));
    await expect(describeAlarms("us-east-1")).rejects.toMatchObject({ kind: "access-denied", operation: "DescribeAlarms" });
  });
});

describe("describeAlarm", () => {
  it("asks for one alarm by name and keeps StateReasonData and the transition time", async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolves({
      MetricAlarms: [
        {
          AlarmName: "file-pipeline-timed-out",
          AlarmArn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:file-pipeline-timed-out",
          StateValue: "ALARM",
          StateReason: "Threshold Crossed: 1 datapoint [1.0 (01/12/26 20:34:00)] was greater than or equal to the threshold (1.0).",
          StateReasonData: '{"version":"1.0","period":60,"evaluatedDatapoints":[{"timestamp":"2026-12-01T20:34:00.000+0000","value":1.0}]}',
          StateTransitionedTimestamp: new Date("2026-12-01T20:35:51.000Z"),
          StateUpdatedTimestamp: new Date("2026-12-01T20:35:51.000Z"),
          Namespace: "AWS/States",
          MetricName: "ExecutionsTimedOut",
          Dimensions: [{ Name: "StateMachineArn", Value: arn("file-pipeline") }],
          Period: 60,
          EvaluationPeriods: 1,
          DatapointsToAlarm: 1,
          Threshold: 1,
          ComparisonOperator: "GreaterThanOrEqualToThreshold",
        },
      ],
    });
    const alarm = await describeAlarm("us-east-1", "file-pipeline-timed-out");
    expect(cloudWatch.commandCalls(DescribeAlarmsCommand)[0]!.args[0].input).toMatchObject({ AlarmNames: ["file-pipeline-timed-out"], AlarmTypes: ["MetricAlarm"] });
    expect(alarm).toMatchObject({ region: "us-east-1", stateTransitionedTimestamp: "2026-12-01T20:35:51.000Z", datapointsToAlarm: 1, stateReasonData: expect.stringContaining("evaluatedDatapoints") });
  });

  it("answers null when no alarm has that name", async () => {
    cloudWatch.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [] });
    expect(await describeAlarm("us-east-1", "nope")).toBeNull();
  });
});

describe("describeAlarmHistory", () => {
  it("reads state updates newest first, with the new state's reason and reason data", async () => {
    cloudWatch.on(DescribeAlarmHistoryCommand).resolves({
      AlarmHistoryItems: [
        {
          AlarmName: "a",
          Timestamp: new Date("2026-12-01T20:35:51.000Z"),
          HistoryItemType: "StateUpdate",
          HistorySummary: "Alarm updated from OK to ALARM",
          HistoryData: JSON.stringify({ version: "1.0", oldState: { stateValue: "OK" }, newState: { stateValue: "ALARM", stateReason: "Threshold Crossed: …", stateReasonData: { period: 60 } } }),
        },
        { AlarmName: "a", Timestamp: new Date("2026-12-01T20:00:00.000Z"), HistoryItemType: "StateUpdate", HistorySummary: "Alarm updated from INSUFFICIENT_DATA to OK", HistoryData: "not json" },
      ],
    });
    const updates = await describeAlarmHistory("us-east-1", { alarmName: "a", from: FROM, to: TO });
    expect(cloudWatch.commandCalls(DescribeAlarmHistoryCommand)[0]!.args[0].input).toMatchObject({ AlarmName: "a", HistoryItemType: "StateUpdate", ScanBy: "TimestampDescending" });
    expect(updates).toEqual([
      { timestamp: "2026-12-01T20:35:51.000Z", oldState: "OK", newState: "ALARM", reason: "Threshold Crossed: …", reasonData: { period: 60 } },
      { timestamp: "2026-12-01T20:00:00.000Z", oldState: null, newState: null, reason: "Alarm updated from INSUFFICIENT_DATA to OK", reasonData: null },
    ]);
  });
});

describe("getExecutionCounts", () => {
  const METRICS = ["ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted", "ExecutionsSucceeded", "ExecutionsStarted"];

  it("reads 500 state machines' five Sums (period 60 s) in five calls of at most 500 queries, and sums each series", async () => {
    const arns = Array.from({ length: 500 }, (_, i) => arn(`sm${i}`));
    cloudWatch.on(GetMetricDataCommand).callsFake((input: { MetricDataQueries: MetricDataQuery[] }) => ({
      MetricDataResults: input.MetricDataQueries.filter((q) => q.MetricStat?.Metric?.Dimensions?.[0]?.Value === arn("sm7") && q.MetricStat.Metric.MetricName === "ExecutionsFailed").map((q) => ({
        Id: q.Id,
        StatusCode: "Complete",
        Timestamps: [hour(1), new Date(hour(1).getTime() + 60_000)],
        Values: [2, 3],
      })),
    }));
    const counts = await getExecutionCounts("us-east-1", { stateMachineArns: arns, metricNames: METRICS, from: FROM, to: TO });
    const calls = cloudWatch.commandCalls(GetMetricDataCommand);
    expect(calls).toHaveLength(5);
    expect(counts.calls).toBe(5);
    for (let i = 0; i < 5; i++) {
      const queries = queriesOf(i);
      expect(queries).toHaveLength(500);
      expect(queries.every((q) => q.MetricStat?.Period === 60 && q.MetricStat.Stat === "Sum" && q.MetricStat.Metric?.Namespace === "AWS/States")).toBe(true);
    }
    expect(new Set(calls.flatMap((c) => (c.args[0].input.MetricDataQueries ?? []).map((q) => q.Id))).size).toBe(2500);
    expect(counts.byStateMachine[arn("sm7")]).toEqual({ ExecutionsFailed: 5 });
    expect(counts.byStateMachine[arn("sm8")]).toEqual({});
    expect(counts.partial).toBe(false);
  });

  it("follows NextToken and adds the pages' datapoints; a PartialData last page marks the counts partial", async () => {
    cloudWatch
      .on(GetMetricDataCommand)
      .resolvesOnce({ MetricDataResults: [{ Id: "c0_0", StatusCode: "PartialData", Timestamps: [hour(1)], Values: [1] }], NextToken: "t1" })
      .resolvesOnce({ MetricDataResults: [{ Id: "c0_0", StatusCode: "PartialData", Timestamps: [hour(2)], Values: [4] }] });
    const counts = await getExecutionCounts("us-east-1", { stateMachineArns: [arn("a")], metricNames: ["ExecutionsFailed"], from: FROM, to: TO });
    expect(cloudWatch.commandCalls(GetMetricDataCommand)[1]!.args[0].input.NextToken).toBe("t1");
    expect(counts).toMatchObject({ calls: 2, partial: true, byStateMachine: { [arn("a")]: { ExecutionsFailed: 5 } } });
  });

  it("answers a throttled GetMetricData as the project's throttled error, so the poller can fall back", async () => {
    cloudWatch.on(GetMetricDataCommand).rejects(new CloudWatchServiceException({ name: "Throttling", $fault: "client", $metadata: { httpStatusCode: 400 }, message: "Rate exceeded" }));
    await expect(getExecutionCounts("us-east-1", { stateMachineArns: [arn("a")], metricNames: ["ExecutionsFailed"], from: FROM, to: TO })).rejects.toMatchObject({ kind: "throttled" });
  });
});
