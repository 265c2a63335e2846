import "server-only";
import { DescribeAlarmHistoryCommand, DescribeAlarmsCommand, GetMetricDataCommand, type MetricDataQuery } from "@aws-sdk/client-cloudwatch";
import type { AlarmDetail } from "@/lib/domain/alarm-view";
import {
  EXECUTION_METRIC_SERIES,
  type AlarmSummary,
  type ExecutionMetricKey,
  type ExecutionMetrics,
  type StateMachineMetrics,
} from "@/lib/domain/metrics";
import { accountOfArn, getCloudWatchClient } from "./clients";
import { withAwsErrors } from "./errors";
import { toAlarmSummary, toIso } from "./to-domain";

/** GetMetricData accepts at most 500 queries per call (CloudWatch quota); 8 per state machine. */
export const MAX_QUERIES_PER_CALL = 500;
// DescribeAlarms' largest page.
const ALARMS_PAGE_SIZE = 100;

function emptyMetrics(): StateMachineMetrics {
  return Object.fromEntries(EXECUTION_METRIC_SERIES.map((s) => [s.key, []])) as unknown as StateMachineMetrics;
}

interface PlannedQuery {
  query: MetricDataQuery;
  stateMachineArn: string;
  key: ExecutionMetricKey;
}

function planQueries(stateMachineArns: string[], periodSeconds: number): PlannedQuery[] {
  return stateMachineArns.flatMap((stateMachineArn, machineIndex) =>
    EXECUTION_METRIC_SERIES.map((series, seriesIndex) => ({
      stateMachineArn,
      key: series.key,
      query: {
        // Ids must match ^[a-z][a-zA-Z0-9_]*$ and be unique within the call.
        Id: `m${machineIndex}_${seriesIndex}`,
        MetricStat: {
          Metric: {
            Namespace: "AWS/States",
            MetricName: series.metricName,
            Dimensions: [{ Name: "StateMachineArn", Value: stateMachineArn }],
          },
          Period: periodSeconds,
          Stat: series.stat,
        },
        ReturnData: true,
      },
    })),
  );
}

/** What one GetMetricData sweep over many queries returns: datapoints per query id, messages, and whether any was partial. */
interface QueryResults {
  points: Map<string, { timestamp: string; value: number }[]>;
  messages: string[];
  partial: boolean;
  calls: number;
}

/** Runs the queries in calls of at most 500, every NextToken page followed; datapoints per query id. */
async function runQueries(region: string, accountId: string | null, queries: MetricDataQuery[], from: Date, to: Date, label: (id: string) => string): Promise<QueryResults> {
  const client = getCloudWatchClient(region, accountId);
  const out: QueryResults = { points: new Map(queries.map((q) => [q.Id!, []])), messages: [], partial: false, calls: 0 };
  const lastStatus = new Map<string, string>();
  for (let start = 0; start < queries.length; start += MAX_QUERIES_PER_CALL) {
    const batch = queries.slice(start, start + MAX_QUERIES_PER_CALL);
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new GetMetricDataCommand({ MetricDataQueries: batch, StartTime: from, EndTime: to, ScanBy: "TimestampAscending", NextToken: nextToken }),
      );
      out.calls += 1;
      for (const message of page.Messages ?? []) out.messages.push(`${message.Code ?? ""}: ${message.Value ?? ""}`);
      for (const result of page.MetricDataResults ?? []) {
        const points = result.Id ? out.points.get(result.Id) : undefined;
        if (!points || !result.Id) continue;
        // PartialData also means "more on the next page": only a series' last status counts.
        if (result.StatusCode) lastStatus.set(result.Id, result.StatusCode);
        for (const message of result.Messages ?? []) out.messages.push(`${label(result.Id)}: ${message.Code ?? ""}: ${message.Value ?? ""}`);
        const timestamps = result.Timestamps ?? [];
        const values = result.Values ?? [];
        timestamps.forEach((timestamp, i) => {
          const iso = toIso(timestamp);
          const value = values[i];
          if (iso !== null && value !== undefined) points.push({ timestamp: iso, value });
        });
      }
      nextToken = page.NextToken || undefined;
    } while (nextToken);
  }
  out.partial = [...lastStatus.values()].some((status) => status !== "Complete");
  return out;
}

/**
 * AWS/States execution counts (Sum) and ExecutionTime (Average, p99) for many state machines of one
 * region, in one GetMetricData call per 500 queries (8 per state machine), every page followed.
 */
export function getExecutionMetrics(
  region: string,
  input: { stateMachineArns: string[]; from: Date; to: Date; periodSeconds: number },
): Promise<ExecutionMetrics> {
  return withAwsErrors("GetMetricData", async () => {
    const arns = [...new Set(input.stateMachineArns)];
    const planned = planQueries(arns, input.periodSeconds);
    const byId = new Map(planned.map((p) => [p.query.Id!, p]));
    // Metrics live in the account of the state machines (one account per call: the poller asks per account and region).
    const results = await runQueries(region, arns[0] ? accountOfArn(arns[0]) : null, planned.map((p) => p.query), input.from, input.to, (id) => `${byId.get(id)!.key} ${byId.get(id)!.stateMachineArn}`);
    const metrics: ExecutionMetrics = {
      region,
      from: toIso(input.from) ?? "",
      to: toIso(input.to) ?? "",
      periodSeconds: input.periodSeconds,
      byStateMachine: Object.fromEntries(arns.map((arn) => [arn, emptyMetrics()])),
      partial: results.partial,
      messages: results.messages,
    };
    for (const [id, points] of results.points) {
      const target = byId.get(id)!;
      metrics.byStateMachine[target.stateMachineArn]![target.key].push(...points);
    }
    for (const series of Object.values(metrics.byStateMachine)) {
      for (const points of Object.values(series)) points.sort((a, b) => a.timestamp.localeCompare(b.timestamp));
    }
    return metrics;
  });
}

/** Per state machine, each named AWS/States metric's Sum over [from, to): what the poll planner reads each cycle. */
export interface ExecutionCounts {
  region: string;
  from: string;
  to: string;
  /** Sums by state machine ARN, then metric name (absent: no datapoint in the window). */
  byStateMachine: Record<string, Record<string, number>>;
  /** Some series came back PartialData, InternalError or Forbidden: the sums may be short. */
  partial: boolean;
  messages: string[];
  /** GetMetricData calls made (pages included): the figure the bench and the quota arithmetic count. */
  calls: number;
}

/**
 * Sums of the given AWS/States metrics (period 60 s, statistic Sum) per state machine of one region over a
 * window: one GetMetricData call per 500 queries (metrics × state machines), every page followed.
 */
export function getExecutionCounts(
  region: string,
  input: { stateMachineArns: string[]; metricNames: readonly string[]; from: Date; to: Date },
): Promise<ExecutionCounts> {
  return withAwsErrors("GetMetricData", async () => {
    const arns = [...new Set(input.stateMachineArns)];
    const targets = new Map<string, { stateMachineArn: string; metricName: string }>();
    const queries: MetricDataQuery[] = arns.flatMap((stateMachineArn, machineIndex) =>
      input.metricNames.map((metricName, metricIndex) => {
        const id = `c${machineIndex}_${metricIndex}`;
        targets.set(id, { stateMachineArn, metricName });
        return {
          Id: id,
          MetricStat: { Metric: { Namespace: "AWS/States", MetricName: metricName, Dimensions: [{ Name: "StateMachineArn", Value: stateMachineArn }] }, Period: 60, Stat: "Sum" },
          ReturnData: true,
        };
      }),
    );
    const counting = await runQueries(region, arns[0] ? accountOfArn(arns[0]) : null, queries, input.from, input.to, (id) => `${targets.get(id)!.metricName} ${targets.get(id)!.stateMachineArn}`);
    const byStateMachine: ExecutionCounts["byStateMachine"] = Object.fromEntries(arns.map((arn) => [arn, {}]));
    for (const [id, points] of counting.points) {
      if (points.length === 0) continue;
      const t = targets.get(id)!;
      byStateMachine[t.stateMachineArn]![t.metricName] = points.reduce((sum, p) => sum + p.value, 0);
    }
    return { region, from: toIso(input.from) ?? "", to: toIso(input.to) ?? "", byStateMachine, partial: counting.partial, messages: counting.messages, calls: counting.calls };
  });
}

/** Every metric alarm of a region (one paginated DescribeAlarms), to be matched locally to state machines. */
export function describeAlarms(region: string, accountId?: string | null): Promise<AlarmSummary[]> {
  return withAwsErrors("DescribeAlarms", async () => {
    const client = getCloudWatchClient(region, accountId);
    const alarms: AlarmSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new DescribeAlarmsCommand({ AlarmTypes: ["MetricAlarm"], MaxRecords: ALARMS_PAGE_SIZE, NextToken: nextToken }),
      );
      for (const alarm of page.MetricAlarms ?? []) alarms.push(toAlarmSummary(alarm));
      nextToken = page.NextToken || undefined;
    } while (nextToken);
    return alarms;
  });
}

/** One metric alarm by name (DescribeAlarms with AlarmNames: one call), with its StateReasonData; null when none has that name. */
export function describeAlarm(region: string, alarmName: string, accountId?: string | null): Promise<AlarmDetail | null> {
  return withAwsErrors("DescribeAlarms", async () => {
    const page = await getCloudWatchClient(region, accountId).send(new DescribeAlarmsCommand({ AlarmNames: [alarmName], AlarmTypes: ["MetricAlarm"], MaxRecords: 1 }));
    const alarm = (page.MetricAlarms ?? []).find((a) => a.AlarmName === alarmName);
    if (!alarm) return null;
    return {
      ...toAlarmSummary(alarm),
      region,
      stateReasonData: alarm.StateReasonData ?? null,
      stateTransitionedTimestamp: toIso(alarm.StateTransitionedTimestamp),
      datapointsToAlarm: alarm.DatapointsToAlarm ?? null,
    };
  });
}

/** One past state change of an alarm (DescribeAlarmHistory StateUpdate), with the reason and reason data it recorded. */
export interface AlarmStateUpdate {
  timestamp: string;
  oldState: string | null;
  newState: string | null;
  reason: string | null;
  /** newState.stateReasonData as recorded (an object or JSON text), or null. */
  reasonData: unknown;
}

// DescribeAlarmHistory's largest page.
const HISTORY_PAGE_SIZE = 100;

/** The alarm's state changes between two times, newest first (one page: up to 100 state updates). */
export function describeAlarmHistory(region: string, input: { alarmName: string; from: Date; to: Date }, accountId?: string | null): Promise<AlarmStateUpdate[]> {
  return withAwsErrors("DescribeAlarmHistory", async () => {
    const page = await getCloudWatchClient(region, accountId).send(
      new DescribeAlarmHistoryCommand({
        AlarmName: input.alarmName,
        AlarmTypes: ["MetricAlarm"],
        HistoryItemType: "StateUpdate",
        StartDate: input.from,
        EndDate: input.to,
        ScanBy: "TimestampDescending",
        MaxRecords: HISTORY_PAGE_SIZE,
      }),
    );
    return (page.AlarmHistoryItems ?? []).flatMap((item): AlarmStateUpdate[] => {
      const timestamp = toIso(item.Timestamp);
      if (!timestamp) return [];
      // HistoryData is JSON: {version, oldState: {stateValue, stateReason}, newState: {stateValue, stateReason, stateReasonData}}.
      let data: { oldState?: { stateValue?: string }; newState?: { stateValue?: string; stateReason?: string; stateReasonData?: unknown } } = {};
      try {
        data = JSON.parse(item.HistoryData ?? "{}") as typeof data;
      } catch {
        // An unreadable entry still says when the alarm changed state.
      }
      return [{ timestamp, oldState: data.oldState?.stateValue ?? null, newState: data.newState?.stateValue ?? null, reason: data.newState?.stateReason ?? item.HistorySummary ?? null, reasonData: data.newState?.stateReasonData ?? null }];
    });
  });
}
