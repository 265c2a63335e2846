/**
 * The failure index against the sandbox: a burst of 300 failures of one kind and 5 of another into one state
 * machine between two polls is indexed as exactly two signatures with counts 300 and 5, every ARN once (as
 * ListExecutions lists them); and a restart (poller and store stopped, opened again on the same file) keeps
 * first-seen times, signatures and stored reports.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CreateStateMachineCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startSandbox, type Sandbox } from "../../sandbox";
import { pollUntil } from "../../sandbox/poll-until";
import { listExecutions, resetClients } from "@/lib/aws";
import { createBudget } from "./budget";
import { FleetPoller } from "./poller";
import { FailureStore } from "./store/failure-store";

const REGION = "us-east-1";
const RETENTION = { maxAgeMs: 30 * 86_400_000, maxBytes: 1024 ** 3 };
const savedEnv = { ...process.env };

// A Choice sends each execution to one of two Fail states; CausePath puts a per-execution id in the cause,
// which the signature must normalise away.
const DEFINITION = JSON.stringify({
  StartAt: "Route",
  States: {
    Route: { Type: "Choice", Choices: [{ Variable: "$.kind", StringEquals: "stock", Next: "OutOfStock" }], Default: "Declined" },
    OutOfStock: { Type: "Fail", Error: "Inventory.OutOfStock", CausePath: "$.cause" },
    Declined: { Type: "Fail", Error: "Payment.Declined", CausePath: "$.cause" },
  },
});

let sandbox: Sandbox;
let sfn: SFNClient;
let dir: string;
let stateMachineArn: string;

async function startMany(inputs: { kind: string; cause: string }[], concurrency = 8): Promise<string[]> {
  const arns: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < inputs.length) {
        const input = inputs[next++]!;
        const out = await sfn.send(new StartExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }));
        arns.push(out.executionArn!);
      }
    }),
  );
  return arns;
}

async function listAllFailed(): Promise<string[]> {
  return (await listExecutions({ stateMachineArn, statusFilter: "FAILED", maxItems: 5000 })).map((e) => e.executionArn);
}

async function pollUntilCaughtUp(poller: FleetPoller) {
  for (let cycle = 0; cycle < 40; cycle++) {
    await poller.pollOnce();
    const snapshot = poller.snapshot();
    expect(snapshot.error, `cycle ${cycle}`).toBeNull();
    if (snapshot.index && snapshot.index.pending === 0 && snapshot.index.pagesBehind === 0) return snapshot.index;
  }
  throw new Error("the index did not catch up in 40 cycles");
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "sfn-triage-index-"));
  sandbox = await startSandbox({ port: 0, traffic: false, seed: false });
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: sandbox.endpoint,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    // Small pages, so the burst spans many ListExecutions pages.
    SFN_TRIAGE_LIST_PAGE_SIZE: "50",
    // Every cycle lists: this proves the index under a burst, and the cycles below run back to back, faster than
    // the sandbox publishes the burst's CloudWatch counts (metric-guided cycles: metric-polling.integration.test.ts).
    SFN_TRIAGE_POLL_STRATEGY: "sweep",
  });
  resetClients();
  sfn = new SFNClient({ endpoint: sandbox.endpoint, region: REGION, credentials: { accessKeyId: "test", secretAccessKey: "test" } });
  const created = await sfn.send(new CreateStateMachineCommand({ name: "burst-orders", definition: DEFINITION, roleArn: "arn:aws:iam::123456789012:role/burst" }));
  stateMachineArn = created.stateMachineArn!;
}, 120_000);

afterAll(async () => {
  sfn?.destroy();
  await sandbox?.stop();
  resetClients();
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe.sequential("failure index on the sandbox", () => {
  const file = () => path.join(dir, "index.db");

  it("indexes a burst of 300 + 5 failures between two polls as two signatures, every ARN once", { timeout: 300_000 }, async () => {
    const store = await FailureStore.open({ backend: "sqlite", file: file() }, RETENTION);
    const poller = new FleetPoller([REGION], { store, budget: createBudget({ share: 1 }) });
    await poller.pollOnce();
    expect(poller.snapshot().index?.stored).toBe(0);

    const stock = Array.from({ length: 300 }, (_, i) => ({ kind: "stock", cause: `SKU ${1000 + i} is out of stock (request id: ${crypto.randomUUID()})` }));
    const declined = Array.from({ length: 5 }, (_, i) => ({ kind: "card", cause: `Card ending ${4000 + i} declined at ${new Date(Date.UTC(2026, 10, 30, 10, i)).toISOString()}` }));
    const started = await startMany([...stock, ...declined]);
    expect(started).toHaveLength(305);
    const listed = await pollUntil("305 FAILED executions in ListExecutions", async () => {
      const arns = await listAllFailed();
      return arns.length >= 305 ? arns : null;
    }, { timeoutMs: 180_000, intervalMs: 2000 });
    expect(new Set(listed)).toEqual(new Set(started));

    const index = await pollUntilCaughtUp(poller);
    expect(index.stored).toBe(305);
    const window = { fromMs: 0, toMs: Date.now() + 60_000 };
    const signatures = (await store.signatures(window, { limit: 10 })).items;
    expect(signatures.map((s) => [s.originError, s.count]).sort()).toEqual([["Inventory.OutOfStock", 300], ["Payment.Declined", 5]]);
    expect(signatures.find((s) => s.originError === "Inventory.OutOfStock")!.normalisedCause).toBe("SKU <n> is out of stock (request id: <id>)");
    expect(signatures.find((s) => s.originError === "Payment.Declined")!.normalisedCause).toBe("Card ending <n> declined at <time>");

    const indexed: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.executions(window, { cursor, limit: 100 });
      indexed.push(...page.items.map((e) => e.executionArn));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(indexed).toHaveLength(305);
    expect(new Set(indexed)).toEqual(new Set(listed));
    poller.stop();
    await store.close();
  });

  it("keeps first-seen times, signatures and reports across a restart, and adds no row twice", { timeout: 120_000 }, async () => {
    const before = await FailureStore.open({ backend: "sqlite", file: file() }, RETENTION);
    const window = { fromMs: 0, toMs: Date.now() + 60_000 };
    const rows = (await before.executions(window, { limit: 200 })).items;
    const sigs = (await before.signatures(window, { limit: 10 })).items.map((s) => ({ id: s.signatureId, count: s.count, first: s.firstAtMs }));
    const report = { status: "FAILED", failure: { state: "OutOfStock", error: "Inventory.OutOfStock" } };
    await before.putReport(rows[0]!, report, Date.parse(rows[0]!.stopDate), Date.now());
    await before.close();

    const store = await FailureStore.open({ backend: "sqlite", file: file() }, RETENTION);
    const poller = new FleetPoller([REGION], { store, budget: createBudget({ share: 1 }) });
    await poller.pollOnce();
    expect(poller.snapshot().index).toMatchObject({ stored: 305, pending: 0 });
    const after = (await store.executions(window, { limit: 200 })).items;
    expect(after.map((e) => [e.executionArn, e.firstSeenAt])).toEqual(rows.map((e) => [e.executionArn, e.firstSeenAt]));
    expect((await store.signatures(window, { limit: 10 })).items.map((s) => ({ id: s.signatureId, count: s.count, first: s.firstAtMs }))).toEqual(sigs);
    expect(await store.getReport(rows[0]!)).toEqual(report);
    poller.stop();
    await store.close();
  });
});
