import {
  DescribeAlarmsCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
  type MetricAlarm,
  type MetricDatum,
} from "@aws-sdk/client-cloudwatch";
import { DescribeExecutionCommand, ListExecutionsCommand, ListStateMachinesCommand, type ExecutionListItem } from "@aws-sdk/client-sfn";
import type { MotoClients } from "../aws-clients";
import { breaches, periodStartOf, sameMetric, stateReasonData, statisticOver, thresholdCrossedReason, watchedMetric, type Datapoint } from "./alarm-rules";
import type { HistoryStore } from "./history-store";

/** Namespace Step Functions publishes execution metrics in. */
export const STATES_NAMESPACE = "AWS/States";

const CLOSE_METRIC: Record<string, string> = {
  SUCCEEDED: "ExecutionsSucceeded",
  FAILED: "ExecutionsFailed",
  TIMED_OUT: "ExecutionsTimedOut",
  ABORTED: "ExecutionsAborted",
};
const STATE_MACHINE_REFRESH_MS = 5_000;
const KEEP_POINTS_MS = 2 * 60 * 60 * 1000;

/** Something worth a line on the demo's terminal: an execution that closed badly, an alarm that fired. */
export type SandboxEvent =
  | { kind: "execution-closed"; stateMachine: string; executionArn: string; status: string; error: string | null; atMs: number }
  | { kind: "alarm"; alarmName: string; metricName: string; value: number; atMs: number };

interface Seen {
  status: string;
  startMs: number;
}

/**
 * Emits AWS/States metrics for moto, which emits none: polls ListExecutions per state machine (~1/s),
 * publishes ExecutionsStarted when an execution first appears and Executions{Succeeded,Failed,TimedOut,Aborted}
 * + ExecutionTime when it closes (timestamped at its stop date), then fires any alarm the datapoint breaches,
 * since moto never evaluates alarms.
 */
export class StatesMetricsPublisher {
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private stateMachineArns: string[] = [];
  private stateMachinesAtMs = 0;
  private readonly seen = new Map<string, Map<string, Seen>>();
  private readonly points = new Map<string, Datapoint[]>();
  private lastErrorLogMs = 0;
  /** Datapoints published since start, by metric name (tests and the README read it). */
  readonly published = new Map<string, number>();

  constructor(
    private readonly clients: Pick<MotoClients, "sfn" | "cloudwatch">,
    private readonly history: HistoryStore,
    private readonly log: (line: string) => void,
    private readonly intervalMs = 1_000,
    private readonly onEvent: (event: SandboxEvent) => void = () => {},
    /** An execution was first seen (RUNNING) or closed: the sandbox's EventBridge status-change events (--events). */
    private readonly onStatusChange: ((executionArn: string, status: string, stopMs?: number) => void) | null = null,
  ) {}

  /** Begin polling. */
  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stop polling; resolves at once (an in-flight tick finishes on its own). */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      void this.tick()
        .catch((err: unknown) => {
          if (Date.now() - this.lastErrorLogMs > 10_000) {
            this.lastErrorLogMs = Date.now();
            this.log(`metrics: poll failed: ${err instanceof Error ? err.message : String(err)}`);
          }
        })
        .finally(() => this.schedule(this.intervalMs));
    }, delayMs);
    this.timer.unref();
  }

  /** One poll over every state machine; exposed for tests. */
  async tick(): Promise<void> {
    if (Date.now() - this.stateMachinesAtMs > STATE_MACHINE_REFRESH_MS) await this.refreshStateMachines();
    const data: MetricDatum[] = [];
    for (const arn of this.stateMachineArns) {
      if (this.stopped) return;
      data.push(...(await this.pollStateMachine(arn)));
    }
    if (data.length === 0 || this.stopped) return;
    for (let i = 0; i < data.length; i += 500) {
      await this.clients.cloudwatch.send(new PutMetricDataCommand({ Namespace: STATES_NAMESPACE, MetricData: data.slice(i, i + 500) }));
    }
    for (const d of data) this.published.set(d.MetricName ?? "", (this.published.get(d.MetricName ?? "") ?? 0) + 1);
    await this.fireBreachedAlarms(data);
  }

  private async refreshStateMachines(): Promise<void> {
    const arns: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.clients.sfn.send(new ListStateMachinesCommand({ nextToken }));
      for (const sm of page.stateMachines ?? []) if (sm.stateMachineArn) arns.push(sm.stateMachineArn);
      nextToken = page.nextToken ?? undefined;
    } while (nextToken);
    this.stateMachineArns = arns;
    this.stateMachinesAtMs = Date.now();
  }

  private async pollStateMachine(stateMachineArn: string): Promise<MetricDatum[]> {
    const seen = this.seen.get(stateMachineArn) ?? new Map<string, Seen>();
    this.seen.set(stateMachineArn, seen);
    const listed: ExecutionListItem[] = [];
    let nextToken: string | undefined;
    // Newest first: read pages only while every execution on them is new to us.
    do {
      const page = await this.clients.sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 100, nextToken }));
      const items = page.executions ?? [];
      listed.push(...items);
      const allNew = items.length > 0 && items.every((e) => e.executionArn && !seen.has(e.executionArn));
      nextToken = allNew ? (page.nextToken ?? undefined) : undefined;
    } while (nextToken);

    const data: MetricDatum[] = [];
    const onPage = new Set<string>();
    for (const item of listed) {
      const arn = item.executionArn;
      if (!arn) continue;
      onPage.add(arn);
      const before = seen.get(arn);
      const startMs = item.startDate?.getTime() ?? Date.now();
      if (!before) data.push(this.datum("ExecutionsStarted", stateMachineArn, 1, "Count", startMs));
      // AWS sends RUNNING when an execution starts, even one that closed before we first saw it.
      if (!before) this.onStatusChange?.(arn, "RUNNING");
      if (item.status && item.status !== "RUNNING" && (!before || before.status === "RUNNING")) {
        data.push(...(await this.closeData(stateMachineArn, arn, item.status, startMs, item.stopDate?.getTime())));
      }
      seen.set(arn, { status: item.status ?? "RUNNING", startMs });
    }

    // Long runners that slid off the first page: ask moto which are still RUNNING.
    const offPage = [...seen.entries()].filter(([arn, s]) => !onPage.has(arn) && s.status === "RUNNING");
    if (offPage.length > 0) {
      const stillRunning = new Set<string>();
      let token: string | undefined;
      do {
        const page = await this.clients.sfn.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: "RUNNING", maxResults: 1000, nextToken: token }));
        for (const e of page.executions ?? []) if (e.executionArn) stillRunning.add(e.executionArn);
        token = page.nextToken ?? undefined;
      } while (token);
      for (const [arn, s] of offPage) {
        if (stillRunning.has(arn)) continue;
        const described = await this.clients.sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
        const status = described.status ?? "RUNNING";
        if (status !== "RUNNING") data.push(...(await this.closeData(stateMachineArn, arn, status, s.startMs, described.stopDate?.getTime())));
        seen.set(arn, { status, startMs: s.startMs });
      }
    }
    // Forget closed executions that are off the first page: they can never show up there again.
    for (const [arn, s] of seen) if (!onPage.has(arn) && s.status !== "RUNNING") seen.delete(arn);
    return data;
  }

  private async closeData(stateMachineArn: string, executionArn: string, status: string, startMs: number, stopMs: number | undefined): Promise<MetricDatum[]> {
    const metric = CLOSE_METRIC[status];
    if (!metric) return [];
    // moto leaves stopDate out for TIMED_OUT executions; the closing event's timestamp is the stop date.
    const stopAtMs = stopMs ?? ((await this.history.stopDate(executionArn)) ?? Date.now() / 1000) * 1000;
    this.onStatusChange?.(executionArn, status, stopAtMs);
    if (status !== "SUCCEEDED") await this.reportClosed(stateMachineArn, executionArn, status, stopAtMs);
    return [
      this.datum(metric, stateMachineArn, 1, "Count", stopAtMs),
      this.datum("ExecutionTime", stateMachineArn, Math.max(0, Math.round(stopAtMs - startMs)), "Milliseconds", stopAtMs),
    ];
  }

  private datum(metricName: string, stateMachineArn: string, value: number, unit: "Count" | "Milliseconds", atMs: number): MetricDatum {
    const key = `${metricName}|${stateMachineArn}`;
    const series = this.points.get(key) ?? [];
    series.push({ atMs, value });
    const horizon = Date.now() - KEEP_POINTS_MS;
    while (series.length > 0 && (series[0]?.atMs ?? 0) < horizon) series.shift();
    this.points.set(key, series);
    return { MetricName: metricName, Dimensions: [{ Name: "StateMachineArn", Value: stateMachineArn }], Value: value, Unit: unit, Timestamp: new Date(atMs) };
  }

  private async fireBreachedAlarms(data: MetricDatum[]): Promise<void> {
    const alarms: MetricAlarm[] = [];
    let nextToken: string | undefined;
    do {
      const page = await this.clients.cloudwatch.send(new DescribeAlarmsCommand({ AlarmTypes: ["MetricAlarm"], NextToken: nextToken }));
      alarms.push(...(page.MetricAlarms ?? []));
      nextToken = page.NextToken ?? undefined;
    } while (nextToken);
    for (const alarm of alarms) {
      if (alarm.StateValue === "ALARM" || !alarm.AlarmName) continue;
      const watched = watchedMetric(alarm);
      if (!watched) continue;
      const hit = data.find((d) => sameMetric(watched, STATES_NAMESPACE, d.MetricName ?? "", (d.Dimensions ?? []).map((x) => ({ Name: x.Name ?? "", Value: x.Value ?? "" }))));
      if (!hit) continue;
      const series = this.points.get(`${hit.MetricName}|${hit.Dimensions?.[0]?.Value}`) ?? [];
      const endMs = Math.max(...series.map((p) => p.atMs));
      const value = statisticOver(series, watched.stat, watched.periodS, endMs);
      if (value === null || !breaches(alarm, value)) continue;
      await this.clients.cloudwatch.send(
        new SetAlarmStateCommand({
          AlarmName: alarm.AlarmName,
          StateValue: "ALARM",
          // Named by the start of the datapoint's period, as CloudWatch does (the dashboard matches executions to it).
          StateReason: thresholdCrossedReason(alarm, value, periodStartOf(endMs, watched.periodS)),
          StateReasonData: stateReasonData({
            stat: watched.stat,
            periodS: watched.periodS,
            value,
            sampleCount: series.filter((p) => p.atMs > endMs - watched.periodS * 1000 && p.atMs <= endMs).length,
            threshold: alarm.Threshold,
            periodStartMs: periodStartOf(endMs, watched.periodS),
            nowMs: Date.now(),
          }),
        }),
      );
      this.log(`metrics: alarm ${alarm.AlarmName} → ALARM (${watched.metricName} ${watched.stat} = ${value})`);
      this.onEvent({ kind: "alarm", alarmName: alarm.AlarmName, metricName: watched.metricName, value, atMs: Date.now() });
    }
  }

  private async reportClosed(stateMachineArn: string, executionArn: string, status: string, atMs: number): Promise<void> {
    let error: string | null = null;
    try {
      if (status === "FAILED") error = (await this.clients.sfn.send(new DescribeExecutionCommand({ executionArn }))).error ?? null;
    } catch {
      // The line still goes out, without the error name.
    }
    this.onEvent({ kind: "execution-closed", stateMachine: stateMachineArn.split(":").at(-1) ?? stateMachineArn, executionArn, status, error, atMs });
  }
}
