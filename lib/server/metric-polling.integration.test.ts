/**
 * Metric-guided polling against the sandbox (issue 14): the gateway publishes AWS/States metrics as moto's
 * executions close; GetMetricData with the StateMachineArn dimension reads them back through moto; a failure
 * closed between two cycles is indexed by a cycle that spends a handful of ListExecutions, where a sweep of
 * the same fleet spends four per state machine. Calls are counted by the gateway (GET /__sandbox/stats).
 */
import { CreateStateMachineCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../sandbox";
import { pollUntil } from "../../sandbox/poll-until";
import { describeExecution, getExecutionCounts, resetClients } from "@/lib/aws";
import { createBudget } from "./budget";
import { FleetPoller } from "./poller";

const REGION = "us-east-1";
const FLEET = 20;
const savedEnv = { ...process.env };
const DEFINITION = JSON.stringify({
  StartAt: "Route",
  States: {
    Route: { Type: "Choice", Choices: [{ Variable: "$.fail", BooleanEquals: true, Next: "Declined" }], Default: "Done" },
    Declined: { Type: "Fail", Error: "Payment.Declined", Cause: "card declined" },
    Done: { Type: "Succeed" },
  },
});

let sandbox: Sandbox;
let sfn: SFNClient;
const arns: string[] = [];

async function stats(): Promise<Record<string, number>> {
  const res = await fetch(`${sandbox.endpoint}/__sandbox/stats`);
  return ((await res.json()) as { operations: Record<string, number> }).operations;
}
async function resetStats() {
  await fetch(`${sandbox.endpoint}/__sandbox/stats`, { method: "DELETE" });
}

async function failOne(stateMachineArn: string, name: string): Promise<string> {
  const out = await sfn.send(new StartExecutionCommand({ stateMachineArn, name, input: JSON.stringify({ fail: true }) }));
  const arn = out.executionArn!;
  await pollUntil(`${name} to fail`, async () => (await describeExecution(arn)).status === "FAILED", { timeoutMs: 60_000, intervalMs: 500 });
  // The gateway publishes ExecutionsFailed about a second after it sees the close; CloudWatch (moto) must hold it.
  await pollUntil(`ExecutionsFailed for ${name} in GetMetricData`, async () => {
    const counts = await getExecutionCounts(REGION, { stateMachineArns: [stateMachineArn], metricNames: ["ExecutionsFailed"], from: new Date(Date.now() - 15 * 60_000), to: new Date(Date.now() + 60_000) });
    return (counts.byStateMachine[stateMachineArn]?.ExecutionsFailed ?? 0) >= 1;
  }, { timeoutMs: 60_000, intervalMs: 1000 });
  return arn;
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, traffic: false, seed: false });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: sandbox.endpoint,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    SFN_TRIAGE_POLL_MS: "30000",
  });
  delete process.env.SFN_TRIAGE_POLL_STRATEGY;
  resetClients();
  sfn = new SFNClient({ endpoint: sandbox.endpoint, region: REGION, credentials: { accessKeyId: "test", secretAccessKey: "test" } });
  for (let i = 0; i < FLEET; i++) {
    const created = await sfn.send(new CreateStateMachineCommand({ name: `guided-${String(i).padStart(2, "0")}`, definition: DEFINITION, roleArn: "arn:aws:iam::123456789012:role/guided" }));
    arns.push(created.stateMachineArn!);
  }
}, 120_000);

afterAll(async () => {
  sfn?.destroy();
  await sandbox?.stop();
  resetClients();
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
}, 60_000);

describe.sequential("metric-guided polling on the sandbox", () => {
  it("finds a new failure with one GetMetricData and far fewer ListExecutions than a sweep", { timeout: 240_000 }, async () => {
    const poller = new FleetPoller([REGION], { budget: createBudget({ share: 1 }) });
    await resetStats();
    await poller.pollOnce();
    // The first cycle sweeps: FAILED, TIMED_OUT, ABORTED and RUNNING for each of the 20.
    const sweep = (await stats()).ListExecutions ?? 0;
    expect(sweep).toBe(FLEET * 4);
    expect(poller.pollPlans().get(`-|${REGION}`)?.mode).toBe("first");

    const failed = await failOne(arns[7]!, `declined-${Date.now()}`);
    await resetStats();
    await poller.pollOnce();
    const guided = await stats();
    expect(poller.snapshot().error).toBeNull();
    expect(poller.pollPlans().get(`-|${REGION}`)).toMatchObject({ mode: "metrics", degraded: null });
    expect(poller.snapshot().failing.map((e) => e.executionArn)).toContain(failed);
    // One GetMetricData for 20 × 5 counts; ListExecutions FAILED for the one state machine whose count moved,
    // plus at most the RUNNING list its started-but-not-closed balance may ask for.
    expect(guided.GetMetricData).toBe(1);
    expect(guided.ListExecutions ?? 0).toBeGreaterThanOrEqual(1);
    expect(guided.ListExecutions ?? 0).toBeLessThanOrEqual(2);
    expect((guided.ListExecutions ?? 0) * 10).toBeLessThanOrEqual(sweep);

    // A quiet cycle: the failure is in the index, the window's count no longer moves anything.
    await resetStats();
    await poller.pollOnce();
    const quiet = await stats();
    expect(quiet.GetMetricData).toBe(1);
    expect(quiet.ListExecutions ?? 0).toBe(0);
    poller.stop();
  });

  it("falls back to sweeping when GetMetricData is denied, shows it as degraded, and still finds the failure", { timeout: 240_000 }, async () => {
    const poller = new FleetPoller([REGION], { budget: createBudget({ share: 1 }), getExecutionCounts: async () => {
      const { AwsError } = await import("@/lib/aws/errors");
      throw new AwsError("access-denied", "GetMetricData", "not authorized to perform cloudwatch:GetMetricData");
    } });
    await poller.pollOnce();
    const failed = await failOne(arns[3]!, `declined-fallback-${Date.now()}`);
    await resetStats();
    await poller.pollOnce();
    const snapshot = poller.snapshot();
    expect(snapshot.error).toMatchObject({ kind: "metrics-unavailable" });
    expect(snapshot.failing.map((e) => e.executionArn)).toContain(failed);
    // 5/s × the default 0.5 share × 30 s / 4 lists ≥ 18 state machines: the whole fleet of 20 at most.
    const lists = (await stats()).ListExecutions ?? 0;
    expect(lists).toBeGreaterThan(0);
    expect(lists).toBeLessThanOrEqual(FLEET * 4);
    poller.stop();
  });
});
