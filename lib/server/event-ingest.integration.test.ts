/**
 * Event ingest against the sandbox (moto + gateway publishing status-change events through moto's EventBridge to
 * an SQS queue): with the poll interval at 5 minutes, a failure reaches the index through the queue within 10 s;
 * duplicated, reordered and dropped events lose nothing once the reconciler (a poll cycle) has run; a malformed
 * message does not stop the consumer and ends in the dead-letter queue.
 */
import { CreateStateMachineCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from "@aws-sdk/client-sqs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../sandbox";
import { pollUntil } from "../../sandbox/poll-until";
import * as aws from "@/lib/aws";
import type { FaultConfig } from "../../sandbox/gateway/faults";
import { buildServices, type Services } from "./services";
import { FailureStore } from "./store/failure-store";

const REGION = "us-east-1";
const savedEnv = { ...process.env };
const DEFINITION = JSON.stringify({
  StartAt: "Charge",
  States: { Charge: { Type: "Fail", Error: "Payment.Declined", CausePath: "$.cause" } },
});

let sandbox: Sandbox;
let sfn: SFNClient;
let sqs: SQSClient;
let services: Services;
let store: FailureStore;
let stateMachineArn: string;

async function setFaults(faults: FaultConfig): Promise<void> {
  const res = await fetch(`${sandbox.endpoint}/__sandbox/faults`, { method: "PUT", body: JSON.stringify(faults) });
  expect(res.status).toBe(200);
}

async function listExecutionsCalls(): Promise<number> {
  const stats = (await (await fetch(`${sandbox.endpoint}/__sandbox/stats`)).json()) as { operations: Record<string, number> };
  return stats.operations.ListExecutions ?? 0;
}

async function startFailures(prefix: string, n: number): Promise<string[]> {
  const arns: string[] = [];
  for (let i = 0; i < n; i++) {
    const out = await sfn.send(new StartExecutionCommand({ stateMachineArn, name: `${prefix}-${i}`, input: JSON.stringify({ cause: `card ${prefix}-${i} declined` }) }));
    arns.push(out.executionArn!);
  }
  return arns;
}

async function indexedArns(): Promise<string[]> {
  const page = await store.executions({ fromMs: 0, toMs: Date.now() + 60_000 }, { limit: 1000 });
  return page.items.map((e) => e.executionArn);
}

async function queueDepth(url: string): Promise<number> {
  const out = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"] }));
  return Number(out.Attributes?.ApproximateNumberOfMessages ?? 0) + Number(out.Attributes?.ApproximateNumberOfMessagesNotVisible ?? 0);
}

beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, traffic: false, seed: false, events: true });
  if (!sandbox.events) throw new Error("the sandbox started without its events queue");
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: sandbox.endpoint,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    SFN_TRIAGE_REGIONS: REGION,
    SFN_TRIAGE_POLL_MS: String(5 * 60_000),
    SFN_TRIAGE_EVENTS_QUEUE_URL: sandbox.events.queueUrl,
    SFN_TRIAGE_EVENTS_REGION: REGION,
    // Short, so a malformed message reaches the DLQ (3 receives) in seconds; long polls of 2 s.
    SFN_TRIAGE_EVENTS_VISIBILITY_S: "2",
    SFN_TRIAGE_EVENTS_WAIT_S: "2",
  });
  aws.resetClients();
  aws.resetSqsClients();
  const credentials = { accessKeyId: "test", secretAccessKey: "test" };
  sfn = new SFNClient({ endpoint: sandbox.endpoint, region: REGION, credentials });
  sqs = new SQSClient({ endpoint: sandbox.motoEndpoint, region: REGION, credentials });
  const created = await sfn.send(new CreateStateMachineCommand({ name: "charge-events", definition: DEFINITION, roleArn: "arn:aws:iam::123456789012:role/events" }));
  stateMachineArn = created.stateMachineArn!;
  store = await FailureStore.open({ backend: "sqlite", file: ":memory:" }, { maxAgeMs: 30 * 86_400_000, maxBytes: 1024 ** 3 });
  services = buildServices(aws, () => Date.now(), async () => store);
  if (!services.events) throw new Error("SFN_TRIAGE_EVENTS_QUEUE_URL is set but the composition root built no event consumer");
  // One cycle first, as at boot: it lists the state machine and describes its definition.
  await services.poller.pollOnce();
  expect(services.poller.snapshot().error).toBeNull();
  services.events.start();
  // The sandbox's publisher learns of new state machines every few seconds (AWS emits at once): one execution
  // through the queue first, so the timed test below measures the queue, not the sandbox's discovery.
  const [warmUp] = await startFailures("warm-up", 1);
  await pollUntil("the warm-up failure indexed through the queue", async () => (await indexedArns()).includes(warmUp!), { timeoutMs: 60_000 });
}, 180_000);

afterAll(async () => {
  await services?.events?.stop();
  services?.poller.stop();
  await store?.close();
  sfn?.destroy();
  sqs?.destroy();
  await sandbox?.stop();
  aws.resetClients();
  aws.resetSqsClients();
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
}, 60_000);

describe.sequential("event ingest on the sandbox", () => {
  // Proven by what happened, not by a stopwatch: the failure is indexed while the poller (every 5 minutes) made no
  // ListExecutions call. The deadline only bounds a hung test, five times under the interval; the latency itself
  // (3.8 s measured) is printed below and is a bench figure (bench/polling.ts), not an assertion.
  it("a failure closed while the poll interval is 5 minutes is in the index through the queue, before any poll, with its signature", async () => {
    const listsBefore = await listExecutionsCalls();
    const startedAt = Date.now();
    const [arn] = await startFailures("fast", 1);
    const row = await pollUntil(
      "the failure in the index",
      async () => (await store.executions({ fromMs: 0, toMs: Date.now() + 60_000 }, { limit: 10 })).items.find((e) => e.executionArn === arn && e.summarised),
      { timeoutMs: 60_000, intervalMs: 100 },
    );
    process.stderr.write(`event ingest: failure indexed ${Date.now() - startedAt} ms after StartExecution\n`);
    expect(row).toMatchObject({ status: "FAILED", originError: "Payment.Declined", originState: "Charge" });
    expect(row.signatureId).not.toBeNull();
    // Not the poller: it made no ListExecutions call meanwhile.
    expect(await listExecutionsCalls()).toBe(listsBefore);
  });

  it("duplicated, reordered and dropped events lose nothing once the reconciler has run, and nothing is indexed twice", async () => {
    const before = new Set(await indexedArns());
    await setFaults({ eventDuplicateRate: 1 });
    const duplicated = await startFailures("dup", 4);
    await pollUntil("the duplicated batch indexed", async () => { const now = new Set(await indexedArns()); return duplicated.every((a) => now.has(a)); }, { timeoutMs: 60_000 });

    // RUNNING held back 2 s: each arrives after its execution's FAILED.
    await setFaults({ eventDelayRate: 1, eventDelayMs: 2_000, eventStatuses: ["RUNNING"] });
    const reordered = await startFailures("late", 4);
    await pollUntil("the reordered batch indexed", async () => { const now = new Set(await indexedArns()); return reordered.every((a) => now.has(a)); }, { timeoutMs: 60_000 });

    // Every FAILED event dropped: only the reconciler can find these.
    const droppedBefore = sandbox.eventCounts().dropped;
    await setFaults({ eventDropRate: 1, eventStatuses: ["FAILED"] });
    const dropped = await startFailures("lost", 4);
    await pollUntil("the FAILED events of the lost batch dropped", async () => sandbox.eventCounts().dropped - droppedBefore >= 4, { timeoutMs: 60_000 });
    await setFaults({});
    // The queue drained (delayed RUNNING events included) before looking: what events alone gave.
    await pollUntil("the events queue drained", async () => (await queueDepth(sandbox.events!.queueUrl)) === 0 && sandbox.eventCounts().published > 0, { timeoutMs: 60_000 });
    const fromEvents = (await indexedArns()).filter((a) => !before.has(a));
    expect(new Set(fromEvents)).toEqual(new Set([...duplicated, ...reordered]));
    expect(fromEvents).toHaveLength(8);

    await services.poller.pollOnce();
    expect(services.poller.snapshot().error).toBeNull();
    const after = (await indexedArns()).filter((a) => !before.has(a));
    expect(after).toHaveLength(12);
    expect(new Set(after)).toEqual(new Set([...duplicated, ...reordered, ...dropped]));
    const listed = (await aws.listExecutions({ stateMachineArn, statusFilter: "FAILED", maxItems: 1000 })).map((e) => e.executionArn);
    expect(new Set(await indexedArns())).toEqual(new Set(listed));
  });

  it("a malformed message does not stop the consumer: the failure after it is indexed, and the message ends in the DLQ", async () => {
    const malformedBefore = services.events!.counts().malformed;
    await sqs.send(new SendMessageCommand({ QueueUrl: sandbox.events!.queueUrl, MessageBody: '{"source":"aws.states","detail":{"card":"4111-1111"' }));
    const [arn] = await startFailures("after-junk", 1);
    await pollUntil("the failure after the malformed message indexed", async () => (await indexedArns()).includes(arn!), { timeoutMs: 30_000 });
    expect(services.events!.counts().malformed).toBeGreaterThan(malformedBefore);
    const dlq = await pollUntil(
      "the malformed message in the DLQ",
      async () => {
        const out = await sqs.send(new ReceiveMessageCommand({ QueueUrl: sandbox.events!.dlqUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
        return out.Messages?.find((m) => m.Body?.includes("4111-1111"));
      },
      { timeoutMs: 120_000 },
    );
    expect(dlq.Body).toContain('"card"');
  });
});
