import { afterEach, describe, expect, it } from "vitest";
import type { HistoryEvent } from "@/lib/domain/history-event";
import type { QueueMessage } from "@/lib/aws/sqs";
import { loadSandboxHistory } from "@/test-support/sandbox-histories";
import { EventIngest, eventsConfigFromEnv, regionOfQueueUrl, type EventIngestDeps, type EventsConfig } from "./event-ingest";
import { FailureStore } from "./store/failure-store";

const NOW = Date.parse("2026-12-02T01:00:00Z");
const SM = "arn:aws:states:us-east-1:123456789012:stateMachine:order-flow";
const CONFIG: EventsConfig = { queueUrl: "https://sqs.us-east-1.amazonaws.com/123456789012/q", region: "us-east-1", waitSeconds: 1, visibilitySeconds: 30, retrySeconds: 5, historyReserve: 0 };
const declined = loadSandboxHistory("order-flow-payment-declined");

function body(name: string, status: string, over: Record<string, unknown> = {}): string {
  return JSON.stringify({
    id: `${name}-${status}`,
    source: "aws.states",
    "detail-type": "Step Functions Execution Status Change",
    detail: {
      executionArn: `arn:aws:states:us-east-1:123456789012:execution:order-flow:${name}`,
      stateMachineArn: SM,
      name,
      status,
      startDate: NOW - 60_000,
      stopDate: status === "RUNNING" ? null : NOW - 1_000,
      error: status === "RUNNING" ? null : "Order.Compensated",
      cause: status === "RUNNING" ? null : "The JSONPath '$.order.id' specified for the field 'id.$' could not be found in the input '{\"card\":\"4111-1111-1111-1111\"}'",
      input: '{"card":"4111-1111-1111-1111"}',
      ...over,
    },
  });
}

let n = 0;
const message = (b: string): QueueMessage => ({ messageId: `m${++n}`, receiptHandle: `h${n}`, body: b, receiveCount: 1 });

interface Harness {
  ingest: EventIngest;
  store: FailureStore;
  calls: string[];
  logs: string[];
  deps: EventIngestDeps;
}

const open: FailureStore[] = [];
afterEach(async () => {
  for (const s of open.splice(0)) await s.close();
});

async function harness(over: Partial<EventIngestDeps> = {}, queue: QueueMessage[][] = []): Promise<Harness> {
  const store = await FailureStore.open({ backend: "sqlite", file: ":memory:" }, { maxAgeMs: 30 * 86_400_000, maxBytes: 1024 ** 3 });
  open.push(store);
  const calls: string[] = [];
  const logs: string[] = [];
  const deps: EventIngestDeps = {
    receive: async () => queue.shift() ?? [],
    deleteMessages: async (handles) => {
      // What the index holds at the moment of the delete: deletes come after the write.
      calls.push(`delete ${handles.join(",")} (stored ${(await store.indexStatus({ fresh: true })).stored})`);
      return [];
    },
    changeVisibility: async (handle, seconds) => void calls.push(`visibility ${handle} ${seconds}`),
    store,
    getExecutionHistoryPage: async (arn) => {
      calls.push(`history ${arn.split(":").pop()}`);
      return { events: [...(declined.events as HistoryEvent[])].reverse(), nextToken: null };
    },
    budget: { available: () => 100 },
    definitionOf: () => declined.definition,
    watches: (c) => c.region === "us-east-1",
    hidePayloads: () => false,
    now: () => NOW,
    log: (line) => logs.push(line),
    ...over,
  };
  return { ingest: new EventIngest(deps, () => CONFIG), store, calls, logs, deps };
}

const window = { fromMs: 0, toMs: NOW + 60_000 };

describe("EventIngest", () => {
  it("puts a FAILED event in the index with its error and cause, deletes it after the write, and reads its details", async () => {
    const h = await harness();
    const counts = await h.ingest.ingest([message(body("run-1", "FAILED"))]);
    expect(counts).toMatchObject({ received: 1, indexed: 1, malformed: 0, detailed: 1 });
    expect(h.calls).toEqual([`delete h${n} (stored 1)`, "history run-1"]);
    const [row] = (await h.store.executions(window, { limit: 10 })).items;
    expect(row).toMatchObject({ name: "run-1", status: "FAILED", summarised: true, originState: "AuthorizePayment", originError: "Payment.Declined", finalError: "Order.Compensated" });
    expect((await h.store.signatures(window, { limit: 10 })).items).toHaveLength(1);
  });

  it("duplicates, a RUNNING after the FAILED, and SUCCEEDED change nothing, and are deleted", async () => {
    const h = await harness();
    await h.ingest.ingest([message(body("run-1", "FAILED"))]);
    const before = (await h.store.executions(window, { limit: 10 })).items;
    const counts = await h.ingest.ingest([message(body("run-1", "RUNNING")), message(body("run-1", "FAILED")), message(body("run-2", "SUCCEEDED", { error: null, cause: null })), message(body("run-1", "FAILED"))]);
    expect(counts).toMatchObject({ received: 4, indexed: 0, unchanged: 4 });
    expect((await h.store.executions(window, { limit: 10 })).items).toEqual(before);
    expect(h.calls.filter((c) => c.startsWith("history"))).toHaveLength(1);
    expect(h.calls.at(-1)).toMatch(/^delete (h\d+,){3}h\d+ /);
  });

  it("a RUNNING before its FAILED in one batch, and a redrive's failure, each give one row per attempt", async () => {
    const h = await harness();
    await h.ingest.ingest([message(body("run-3", "RUNNING")), message(body("run-3", "TIMED_OUT")), message(body("run-3", "FAILED", { redriveCount: 1 })), message(body("run-3", "RUNNING", { redriveCount: 1 }))]);
    const rows = (await h.store.executions(window, { limit: 10 })).items;
    expect(rows.map((r) => [r.redriveCount, r.status]).sort()).toEqual([[0, "TIMED_OUT"], [1, "FAILED"]]);
  });

  it("logs a malformed message without its text, leaves it in the queue (the DLQ takes it), and handles the rest", async () => {
    const h = await harness();
    const bad = [message('{"card":"4111-1111-1111-1111"'), message(JSON.stringify({ source: "aws.states", "detail-type": "Step Functions Execution Status Change", detail: { card: "4111-1111-1111-1111" } })), message("")];
    const good = message(body("run-4", "FAILED"));
    const counts = await h.ingest.ingest([...bad, good]);
    expect(counts).toMatchObject({ received: 4, malformed: 3, indexed: 1 });
    expect(h.calls[0]).toBe(`delete ${good.receiptHandle} (stored 1)`);
    expect(h.logs).toHaveLength(3);
    for (const line of h.logs) expect(line).not.toContain("4111");
    expect(h.calls.some((c) => c.startsWith("visibility"))).toBe(false);
  });

  it("with payloads hidden, stores the cause redacted", async () => {
    const h = await harness({ hidePayloads: () => true, definitionOf: () => null });
    await h.ingest.ingest([message(body("run-5", "FAILED"))]);
    const [row] = (await h.store.executions(window, { limit: 10 })).items;
    // No definition known yet: the details wait for the poller, and the row shows the event's error and cause.
    expect(row).toMatchObject({ summarised: false, originError: "Order.Compensated", finalError: "Order.Compensated" });
    expect(row!.originCause).not.toContain("4111");
    expect(row!.originCause).toMatch(/could not be found in the input '<payload hidden: \d+ bytes>'/);
    expect(h.calls.some((c) => c.startsWith("history"))).toBe(false);
  });

  it("when the index write fails, deletes nothing and makes every message visible again soon", async () => {
    const h = await harness();
    const broken = { ...h.store, knownKeys: async () => new Set<string>(), recordListed: async () => { throw new Error("disk full"); } } as unknown as FailureStore;
    const failing = new EventIngest({ ...h.deps, store: broken }, () => CONFIG);
    const batch = [message(body("run-6", "FAILED")), message(body("run-7", "RUNNING"))];
    const counts = await failing.ingest(batch);
    expect(counts).toMatchObject({ retried: 2, indexed: 0 });
    expect(h.calls).toEqual(batch.map((m) => `visibility ${m.receiptHandle} 5`));
  });

  it("drops executions of regions it does not watch, without indexing them or calling AWS", async () => {
    const h = await harness();
    const foreign = body("run-8", "FAILED", { executionArn: "arn:aws:states:eu-west-1:123456789012:execution:order-flow:run-8", stateMachineArn: "arn:aws:states:eu-west-1:123456789012:stateMachine:order-flow" });
    const counts = await h.ingest.ingest([message(foreign), message(foreign)]);
    expect(counts).toMatchObject({ ignored: 2, indexed: 0 });
    expect((await h.store.indexStatus({ fresh: true })).stored).toBe(0);
    expect(h.logs).toHaveLength(1);
  });

  it("the loop survives a failing receive and a malformed message, and goes on to index what follows", async () => {
    let receives = 0;
    const queue = [[message("not json")], [message(body("run-9", "ABORTED"))]];
    const h = await harness({
      receive: async () => {
        receives += 1;
        if (receives === 1) throw new Error("connection reset");
        const next = queue.shift();
        if (next) return next;
        await new Promise((r) => setTimeout(r, 5));
        return [];
      },
    });
    h.ingest.start();
    const deadline = Date.now() + 20_000;
    while (h.ingest.counts().indexed < 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await h.ingest.stop();
    expect(h.ingest.counts()).toMatchObject({ malformed: 1, indexed: 1 });
    expect(h.logs.some((l) => l.includes("connection reset"))).toBe(true);
  });
});

describe("eventsConfigFromEnv", () => {
  it("is off without a queue URL; takes the region from the URL, then SFN_TRIAGE_EVENTS_REGION", () => {
    expect(eventsConfigFromEnv({})).toBeNull();
    expect(eventsConfigFromEnv({ SFN_TRIAGE_EVENTS_QUEUE_URL: "https://sqs.eu-west-1.amazonaws.com/1/q" })).toMatchObject({ region: "eu-west-1", waitSeconds: 20, visibilitySeconds: 60 });
    expect(eventsConfigFromEnv({ SFN_TRIAGE_EVENTS_QUEUE_URL: "http://127.0.0.1:4566/1/q", SFN_TRIAGE_EVENTS_REGION: "us-west-2", SFN_TRIAGE_EVENTS_WAIT_S: "99" })).toMatchObject({ region: "us-west-2", waitSeconds: 20 });
    expect(regionOfQueueUrl("not a url")).toBeNull();
  });
});
