import { CloudWatchClient, DescribeAlarmsCommand, GetMetricDataCommand } from "@aws-sdk/client-cloudwatch";
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  type ExecutionListItem,
  type HistoryEvent,
} from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sharedSandbox, type SharedSandbox } from "@/test-support/shared-sandbox";
import { SANDBOX_CREDENTIALS, SANDBOX_REGION } from "./aws-clients";
import { pollUntil } from "./poll-until";

// The integration project's one shared sandbox (test-support/integration-setup.ts). The waits below are
// generous limits for a loaded machine, not speed checks: how fast kinds show up is `npm run bench`'s business.
let sandbox: SharedSandbox;
let sfn: SFNClient;
let cloudwatch: CloudWatchClient;
const WAIT_MS = 240_000;

function clientConfig(maxAttempts = 3) {
  return { endpoint: sandbox.endpoint, region: SANDBOX_REGION, credentials: SANDBOX_CREDENTIALS, maxAttempts };
}

async function control(method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${sandbox.endpoint}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return res.json();
}

async function listExecutions(stateMachine: string, statusFilter?: "FAILED" | "TIMED_OUT" | "SUCCEEDED"): Promise<ExecutionListItem[]> {
  const arn = sandbox.seed.stateMachines[stateMachine as keyof SharedSandbox["seed"]["stateMachines"]].arn;
  const out = await sfn.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter }));
  return out.executions ?? [];
}

async function fullHistory(executionArn: string): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1000, nextToken }));
    events.push(...(page.events ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/** First execution of a state machine with this status whose DescribeExecution/history satisfy `match`. */
async function findExecution(label: string, stateMachine: string, status: "FAILED" | "TIMED_OUT" | "SUCCEEDED", match: (error: string | undefined, events: HistoryEvent[]) => boolean): Promise<string> {
  const checked = new Set<string>();
  const arn = await pollUntil(
    label,
    async () => {
      for (const e of await listExecutions(stateMachine, status)) {
        if (!e.executionArn || checked.has(e.executionArn)) continue;
        const described = await sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
        const events = await fullHistory(e.executionArn);
        if (match(described.error, events)) return e.executionArn;
        // Only a closed history is final; an open one (status flipped a moment ago) is looked at again.
        if (events.some((ev) => ev.type?.startsWith("Execution") && ev.type !== "ExecutionStarted")) checked.add(e.executionArn);
      }
      return null;
    },
    { timeoutMs: WAIT_MS, intervalMs: 1_000 },
  ).catch(async (err: Error) => {
    // Say what the state machine did run, so a CI failure can be read without re-running.
    const all = await listExecutions(stateMachine).catch(() => []);
    const lines = await Promise.all(
      all.slice(0, 20).map(async (e) => {
        const events = await fullHistory(e.executionArn!).catch(() => []);
        return `${e.name} ${e.status} last=${events.at(-1)?.type ?? "?"}`;
      }),
    );
    throw new Error(`${err.message}\n${stateMachine} executions:\n${lines.join("\n")}`);
  });
  return arn;
}

beforeAll(async () => {
  sandbox = await sharedSandbox();
  sfn = new SFNClient(clientConfig());
  cloudwatch = new CloudWatchClient(clientConfig());
});

afterAll(() => {
  sfn?.destroy();
  cloudwatch?.destroy();
});

describe("sandbox", () => {
  it("answers health and lists the seeded state machines through the gateway", async () => {
    expect(await control("GET", "/__sandbox/health")).toMatchObject({ status: "ok" });
    const names = ((await sfn.send(new ListStateMachinesCommand({}))).stateMachines ?? []).map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(["file-pipeline", "report-builder", "order-flow", "callback-heartbeat", "batch-map", "nightly-export"]));
    expect(sandbox.seed.unwatched).toContain("nightly-export");
  });

  it("produces every failure kind, for real", async () => {
    const kinds = await Promise.all([
      findExecution("TIMED_OUT (execution TimeoutSeconds)", "nightly-export", "TIMED_OUT", (_e, events) => events.at(-1)?.type === "ExecutionTimedOut"),
      findExecution("FAILED States.Timeout from a task", "file-pipeline", "FAILED", (error, events) => error === "States.Timeout" && events.some((e) => e.type === "TaskTimedOut")),
      findExecution("FAILED States.DataLimitExceeded", "report-builder", "FAILED", (error, events) =>
        error === "States.DataLimitExceeded" && events.some((e) => e.type === "TaskFailed" && e.taskFailedEventDetails?.error === "States.DataLimitExceeded"),
      ),
      findExecution("FAILED after Catch → Fail", "order-flow", "FAILED", (error, events) => {
        const compensate = events.findIndex((e) => e.type === "TaskStateEntered" && e.stateEnteredEventDetails?.name === "Compensate");
        const fail = events.findIndex((e) => e.type === "FailStateEntered" && e.stateEnteredEventDetails?.name === "OrderFailed");
        return error === "Order.Compensated" && compensate > 0 && fail > compensate && events.at(-1)?.type === "ExecutionFailed";
      }),
      findExecution("FAILED missed heartbeat", "callback-heartbeat", "FAILED", (error, events) =>
        error === "States.Timeout" && events.some((e) => e.type === "TaskScheduled" && e.taskScheduledEventDetails?.heartbeatInSeconds === 10),
      ),
      findExecution("SUCCEEDED", "order-flow", "SUCCEEDED", (_e, events) => events.at(-1)?.type === "ExecutionSucceeded"),
      // TIMED_OUT while a callback task waits: the history must still end with ExecutionTimedOut (patched in moto).
      findExecution("TIMED_OUT during a callback wait", "file-pipeline", "TIMED_OUT", (_e, events) => events.at(-1)?.type === "ExecutionTimedOut"),
    ]);
    expect(new Set(kinds).size).toBe(kinds.length);

    // moto leaves stopDate out for TIMED_OUT executions; the gateway fills it from the closing event.
    const timedOut = await sfn.send(new DescribeExecutionCommand({ executionArn: kinds[0] }));
    expect(timedOut.stopDate).toBeInstanceOf(Date);
    expect(timedOut.stopDate!.getTime()).toBeGreaterThan(timedOut.startDate!.getTime());
    const listed = (await listExecutions("nightly-export", "TIMED_OUT")).find((e) => e.executionArn === kinds[0]);
    expect(listed?.stopDate).toBeInstanceOf(Date);
  });

  it("publishes AWS/States metrics and fires the alarms they breach", async () => {
    const filePipeline = sandbox.seed.stateMachines["file-pipeline"].arn;
    const nightly = sandbox.seed.stateMachines["nightly-export"].arn;
    const query = (id: string, metric: string, arn: string, stat = "Sum") => ({
      Id: id,
      MetricStat: { Metric: { Namespace: "AWS/States", MetricName: metric, Dimensions: [{ Name: "StateMachineArn", Value: arn }] }, Period: 60, Stat: stat },
    });
    const sums = await pollUntil(
      "AWS/States datapoints",
      async () => {
        const out = await cloudwatch.send(
          new GetMetricDataCommand({
            StartTime: new Date(Date.now() - 15 * 60_000),
            EndTime: new Date(Date.now() + 60_000),
            MetricDataQueries: [
              query("started", "ExecutionsStarted", filePipeline),
              query("failed", "ExecutionsFailed", filePipeline),
              query("timedout", "ExecutionsTimedOut", nightly),
              query("time", "ExecutionTime", filePipeline, "Average"),
            ],
          }),
        );
        const total = (id: string) => (out.MetricDataResults ?? []).find((r) => r.Id === id)?.Values?.reduce((a, b) => a + b, 0) ?? 0;
        const result = { started: total("started"), failed: total("failed"), timedOut: total("timedout"), time: total("time") };
        return result.started > 0 && result.failed > 0 && result.timedOut > 0 && result.time > 0 ? result : null;
      },
      { timeoutMs: WAIT_MS, intervalMs: 1_000 },
    );
    expect(sums.started).toBeGreaterThanOrEqual(sums.failed);

    const alarms = await pollUntil(
      "file-pipeline-failed in ALARM",
      async () => {
        const out = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNamePrefix: "file-pipeline-" }));
        return out.MetricAlarms?.find((a) => a.AlarmName === "file-pipeline-failed" && a.StateValue === "ALARM") ? out.MetricAlarms : null;
      },
      { timeoutMs: WAIT_MS, intervalMs: 1_000 },
    );
    expect(alarms.find((a) => a.AlarmName === "file-pipeline-failed")?.StateReason).toMatch(/^Threshold Crossed/);
    const all = (await cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? [];
    const watched = (arn: string) =>
      all.some((a) => [...(a.Dimensions ?? []), ...(a.Metrics ?? []).flatMap((m) => m.MetricStat?.Metric?.Dimensions ?? [])].some((d) => d.Value === arn));
    expect(watched(filePipeline)).toBe(true);
    expect(watched(nightly)).toBe(false);
  });

  it("pages GetExecutionHistory like AWS (maxResults, nextToken, reverseOrder, includeExecutionData)", async () => {
    const [batch] = await listExecutions("batch-map", "SUCCEEDED");
    const executionArn = await pollUntil(
      "a closed batch-map execution",
      async () => (batch?.executionArn ? batch.executionArn : (await listExecutions("batch-map", "SUCCEEDED"))[0]?.executionArn),
      { timeoutMs: WAIT_MS, intervalMs: 1_000 },
    );
    const all = await fullHistory(executionArn);
    expect(all.length).toBeGreaterThan(150);
    expect(all.map((e) => e.id)).toEqual(all.map((_, i) => i + 1));

    const firstPage = await sfn.send(new GetExecutionHistoryCommand({ executionArn }));
    expect(firstPage.events).toHaveLength(100); // AWS's default page size
    expect(firstPage.nextToken).toBeTruthy();

    const forward: number[] = [];
    let nextToken: string | undefined;
    let pages = 0;
    do {
      const page = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 37, nextToken }));
      expect(page.events!.length).toBeLessThanOrEqual(37);
      forward.push(...page.events!.map((e) => e.id!));
      nextToken = page.nextToken;
      pages += 1;
    } while (nextToken);
    expect(forward).toEqual(all.map((e) => e.id));
    expect(pages).toBe(Math.ceil(all.length / 37));

    const reversed = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 5, reverseOrder: true }));
    expect(reversed.events!.map((e) => e.id)).toEqual([all.length, all.length - 1, all.length - 2, all.length - 3, all.length - 4]);
    expect(reversed.events![0]!.type).toBe("ExecutionSucceeded");
    const reversed2 = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 5, reverseOrder: true, nextToken: reversed.nextToken }));
    expect(reversed2.events![0]!.id).toBe(all.length - 5);

    const lean = await sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1, includeExecutionData: false }));
    expect(lean.events![0]!.executionStartedEventDetails).toBeDefined();
    expect(lean.events![0]!.executionStartedEventDetails!.input).toBeUndefined();

    await expect(sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken: "not-a-token" }))).rejects.toMatchObject({
      name: "InvalidToken",
      $metadata: { httpStatusCode: 400 },
    });
    // A token is bound to its execution and its direction.
    await expect(sfn.send(new GetExecutionHistoryCommand({ executionArn, nextToken: reversed.nextToken }))).rejects.toMatchObject({ name: "InvalidToken" });
    await expect(sfn.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 1001 }))).rejects.toMatchObject({ name: "ValidationException" });
  });

  it("injects faults the SDK surfaces, and counts calls", async () => {
    await control("DELETE", "/__sandbox/stats");
    await control("POST", "/__sandbox/faults", { throttleRate: 1, targets: ["ListStateMachines"] });
    const once = new SFNClient(clientConfig(1));
    try {
      await expect(once.send(new ListStateMachinesCommand({}))).rejects.toMatchObject({
        name: "ThrottlingException",
        message: "Rate exceeded",
        $metadata: { httpStatusCode: 400 },
      });
      // Other operations are untouched.
      await expect(once.send(new ListExecutionsCommand({ stateMachineArn: sandbox.seed.stateMachines["order-flow"].arn }))).resolves.toBeDefined();

      // The standard retry strategy retries throttling: 3 attempts, all counted.
      await expect(sfn.send(new ListStateMachinesCommand({}))).rejects.toMatchObject({ name: "ThrottlingException" });
      const stats = (await control("GET", "/__sandbox/stats")) as { operations: Record<string, number>; faults: { throttled: number } };
      expect(stats.operations.ListStateMachines).toBe(4);
      expect(stats.operations.ListExecutions).toBe(1);
      expect(stats.faults.throttled).toBe(4);

      await control("POST", "/__sandbox/faults", { errorRate: 1, errorStatus: 503, targets: ["DescribeStateMachine"] });
      await expect(once.send(new DescribeStateMachineCommand({ stateMachineArn: sandbox.seed.stateMachines["order-flow"].arn }))).rejects.toMatchObject({
        $metadata: { httpStatusCode: 503 },
      });

      await control("POST", "/__sandbox/faults", { expireTokens: true });
      const [some] = await listExecutions("order-flow");
      const page = await once.send(new GetExecutionHistoryCommand({ executionArn: some!.executionArn!, maxResults: 1 }));
      await expect(once.send(new GetExecutionHistoryCommand({ executionArn: some!.executionArn!, maxResults: 1, nextToken: page.nextToken }))).rejects.toMatchObject({
        name: "InvalidToken",
      });

      expect(await control("POST", "/__sandbox/faults", { throttleRate: 2 })).toMatchObject({ error: expect.stringMatching(/throttleRate/) });
    } finally {
      await control("DELETE", "/__sandbox/faults");
      once.destroy();
    }
    await expect(sfn.send(new ListStateMachinesCommand({}))).resolves.toMatchObject({ stateMachines: expect.any(Array) });
    expect(await control("GET", "/__sandbox/faults")).toEqual({});
  });
});
