/**
 * The poller and the triage service against the sandbox's fault injection: throttling bursts, latency,
 * 5xx, dropped connections, an expired nextToken mid-history, moto restarting, and moto dying. Under each fault the last
 * good data stays (marked stale), the poller backs off within the quota budget, recovery takes one cycle,
 * cached closed executions stay as they were, and nothing rejects unhandled.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { FaultConfig } from "../../sandbox";
import { sharedSandbox, type SharedSandbox } from "@/test-support/shared-sandbox";
import { mapItems } from "../../sandbox/seed/batch-map";
import { pollUntil } from "../../sandbox/poll-until";
import { describeExecution, resetClients } from "@/lib/aws";
import type { FleetSnapshot } from "@/lib/domain/fleet";
import { createBudget, quotaFor, type Budget } from "./budget";
import { FleetPoller } from "./poller";
import { TriageService } from "./executions";

const POLL_MS = 400;
const MAX_ATTEMPTS = 2;
const REGION = "us-east-1";
const QUOTA_SHARE = 0.5;

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
const savedEnv = { ...process.env };

let sandbox: SharedSandbox;
let poller: FleetPoller;
let triage: TriageService;
let budget: Budget;
const takes = new Map<string, number>();
let closedArns: string[] = [];
let closedReports = new Map<string, string>();
let bigArn = "";

async function control(method: "POST" | "DELETE" | "GET", path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${sandbox.endpoint}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  if (!res.ok) throw new Error(`sandbox ${method} ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}
const setFaults = (faults: FaultConfig) => control("POST", "/__sandbox/faults", faults);
const clearFaults = () => control("DELETE", "/__sandbox/faults");

/** The parts of a snapshot that must not change while AWS is failing. */
function goodData(s: FleetSnapshot) {
  return { stateMachines: s.stateMachines, failing: s.failing, running: s.running, updatedAt: s.updatedAt };
}

async function reportOf(arn: string): Promise<string> {
  return JSON.stringify((await triage.getTriage(arn)).report);
}

function countingBudget(): Budget {
  const inner = createBudget({ share: QUOTA_SHARE });
  return {
    async take(api, region) {
      takes.set(api, (takes.get(api) ?? 0) + 1);
      return inner.take(api, region);
    },
    available: (api, region) => inner.available(api, region),
    spent: () => inner.spent(),
  };
}

beforeAll(async () => {
  process.on("unhandledRejection", onUnhandled);
  // The integration project's shared sandbox: files run one at a time, so the faults set here are this file's alone.
  sandbox = await sharedSandbox();
  Object.assign(process.env, {
    AWS_ENDPOINT_URL: sandbox.endpoint,
    AWS_REGION: REGION,
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true",
    SFN_TRIAGE_POLL_MS: String(POLL_MS),
    // Fewer SDK retries, so a fault reaches the poller in one cycle instead of being ridden out.
    SFN_TRIAGE_AWS_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
    // The fault matrix is about the ListExecutions/Describe* path: every cycle lists. Metric-guided cycles would
    // make the outcome depend on which call a random fault hits first (a failed GetMetricData falls back to a
    // sweep that may succeed); their fallback is proven in metric-polling.integration.test.ts.
    SFN_TRIAGE_POLL_STRATEGY: "sweep",
  });
  resetClients();
  budget = countingBudget();
  poller = new FleetPoller([REGION], { budget });
  triage = new TriageService({ budget });

  // An execution with > 1,000 events, so the triage history needs a nextToken (300 items × 4 events).
  bigArn = await sandbox.startExecution("batch-map", `fault-pages-${Date.now()}`, { batchId: "fault-pages", items: mapItems(300) });
  expect(bigArn, "the sandbox refused the batch-map execution").not.toBe("");

  // Good data first: at least two closed failures with their summaries.
  await pollUntil(
    "two summarised failures in the fleet snapshot",
    async () => {
      await poller.pollOnce();
      const s = poller.snapshot();
      return s.error === null && s.failing.filter((e) => e.error !== null).length >= 2;
    },
    { timeoutMs: 240_000, intervalMs: POLL_MS },
  );
  closedArns = poller.snapshot().failing.filter((e) => e.error !== null).slice(0, 2).map((e) => e.executionArn);
  for (const arn of closedArns) await reportOf(arn);
  await pollUntil("closed reports cached", async () => triage.closedCount >= closedArns.length, { timeoutMs: 120_000, intervalMs: 100 });
  closedReports = new Map(await Promise.all(closedArns.map(async (arn) => [arn, await reportOf(arn)] as const)));
  await pollUntil("the 300-item batch to close", async () => (await describeExecution(bigArn)).status === "SUCCEEDED", { timeoutMs: 240_000, intervalMs: 500 });
});

afterAll(async () => {
  poller?.stop();
  await clearFaults().catch(() => {});
  // "moto dies" below kills the shared sandbox's moto: bring it back for the files after this one.
  await sandbox?.ensureMoto();
  resetClients();
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
  process.off("unhandledRejection", onUnhandled);
});

describe("backoff bound (no sandbox)", () => {
  it("doubles per failed cycle from the interval and stops at five minutes", async () => {
    const { AwsError } = await import("@/lib/aws/errors");
    const fake = new FleetPoller([REGION], {
      budget: createBudget({ share: QUOTA_SHARE }),
      listStateMachines: async () => {
        throw new AwsError("throttled", "ListStateMachines", "Rate exceeded");
      },
    });
    const delays: number[] = [];
    for (let i = 0; i < 14; i++) {
      await fake.pollOnce();
      expect(fake.snapshot().error?.kind).toBe("throttled");
      delays.push(fake.nextDelayMs());
    }
    expect(delays).toEqual(delays.map((_, i) => Math.min(POLL_MS * 2 ** (i + 1), 300_000)));
    expect(delays.at(-1)).toBe(300_000);
  });
});

describe.sequential("under faults", () => {
  const failing: [string, FaultConfig, string[]][] = [
    ["a ThrottlingException burst", { throttleRate: 1 }, ["throttled"]],
    ["5xx answers", { errorRate: 1 }, ["unavailable", "unknown"]],
    ["dropped connections", { dropRate: 1 }, ["unavailable", "network", "unknown"]],
  ];

  it.each(failing)("%s: keeps the last good data marked stale, backs off within budget, recovers in one cycle", async (_label, faults, kinds) => {
    const before = poller.snapshot();
    expect(before.error).toBeNull();
    takes.clear();
    await control("DELETE", "/__sandbox/stats");
    const startedAt = Date.now();
    await setFaults(faults);

    const delays: number[] = [];
    // Throttled cycles are slow (the SDK's adaptive retry mode slows the client; earlier cycles drained the budget): two suffice.
    const cycles = faults.throttleRate ? 2 : 3;
    try {
      for (let i = 0; i < cycles; i++) {
        await poller.pollOnce();
        const during = poller.snapshot();
        expect(during.error, `cycle ${i}: error set`).not.toBeNull();
        expect(kinds).toContain(during.error!.kind);
        // Stale, not gone: same data, same updatedAt (the page shows its age from it).
        expect(goodData(during)).toEqual(goodData(before));
        expect(during.lastAttemptAt).not.toBe(before.lastAttemptAt);
        delays.push(poller.nextDelayMs());
      }
    } finally {
      await clearFaults();
    }
    // Exponential backoff from the interval, capped at five minutes.
    expect(delays[0]).toBe(POLL_MS * 2);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBe(Math.min(POLL_MS * 2 ** (i + 1), 300_000));

    // Cached closed executions are served from memory, unchanged.
    for (const arn of closedArns) expect(await reportOf(arn)).toBe(closedReports.get(arn));

    // Quota: the budget never let more calls out than the share of each bucket plus its refill…
    const elapsedS = (Date.now() - startedAt) / 1000;
    for (const [api, n] of takes) {
      const quota = quotaFor(api, REGION);
      expect(n, api).toBeLessThanOrEqual(Math.floor(quota.size * QUOTA_SHARE) + Math.ceil(quota.refillPerSecond * QUOTA_SHARE * elapsedS));
    }
    // …and calls were made under the fault (each one budgeted). How many tries the SDK makes per call is proven in
    // lib/aws/clients.test.ts against the real retry middleware: the gateway's total also counts calls this file
    // does not budget (a paginated call is one take and several requests), so it is no bound on retries here.
    const stats = await control("GET", "/__sandbox/stats");
    const budgeted = [...takes.values()].reduce((a, b) => a + b, 0);
    expect(budgeted).toBeGreaterThan(0);
    expect(stats.total as number).toBeGreaterThan(0);

    await poller.pollOnce();
    const after = poller.snapshot();
    expect(after.error).toBeNull();
    expect(Date.parse(after.updatedAt!)).toBeGreaterThan(Date.parse(before.updatedAt!));
    expect(poller.nextDelayMs()).toBe(POLL_MS);
    for (const arn of closedArns) expect(await reportOf(arn)).toBe(closedReports.get(arn));
  });

  it("5 s latency: the snapshot is served from memory meanwhile, and the slow cycle still lands", async () => {
    const before = poller.snapshot();
    // 5 s of latency against a 300 ms look: more than an order of magnitude, so a loaded machine can't blur it.
    await setFaults({ latencyMs: 5000, targets: ["ListExecutions"] });
    let settled = false;
    const cycle = poller.pollOnce().then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(settled).toBe(false);
    expect(goodData(poller.snapshot())).toEqual(goodData(before));
    for (const arn of closedArns) expect(await reportOf(arn)).toBe(closedReports.get(arn));
    await cycle;
    const after = poller.snapshot();
    expect(after.error).toBeNull();
    expect(Date.parse(after.updatedAt!)).toBeGreaterThan(Date.parse(before.updatedAt!));
    expect(poller.nextDelayMs()).toBe(POLL_MS);
    await clearFaults();
  });

  it("an expired nextToken mid-history: the first page is served, the load settles without rejecting, a later visit completes it", async () => {
    await setFaults({ expireTokens: true });
    const partial = await triage.getTriage(bigArn);
    expect(partial.history.pagesFetched).toBe(1);
    expect(partial.execution.status).toBe("SUCCEEDED");
    expect(partial.history.eventsFetched).toBe(1000);
    expect(partial.history.complete).toBe(false);
    // Waits for the load to settle: it resolves with the first page, never rejects.
    expect(await triage.getEvents(bigArn)).toHaveLength(1000);
    const stats = await control("GET", "/__sandbox/stats");
    expect((stats.faults as Record<string, number>).expiredTokens).toBeGreaterThan(0);

    await clearFaults();
    await triage.getTriage(bigArn);
    await triage.getEvents(bigArn);
    const full = await triage.getTriage(bigArn);
    expect(full.history.complete).toBe(true);
    expect(full.history.error).toBeNull();
    expect(full.history.eventsFetched).toBeGreaterThan(1000);
    expect(full.report.eventCount).toBe(full.history.eventsFetched);
  });

  it("a moto restart: stale during the restart, fresh after it, closed reports still cached", async () => {
    const before = poller.snapshot();
    expect(before.error).toBeNull();
    const oldPid = sandbox.motoPid;
    let restarted = false;
    const restart = sandbox.restartMoto().then(() => (restarted = true));
    await pollUntil("a failed cycle while moto restarts", async () => {
      await poller.pollOnce();
      if (poller.snapshot().error !== null) return true;
      if (restarted) throw new Error("moto came back before any poll saw it down: the restart window was not observed");
      return false;
    }, { timeoutMs: 120_000, intervalMs: 100 });
    const during = poller.snapshot();
    expect(["unavailable", "network", "unknown"]).toContain(during.error!.kind);
    expect(goodData(during)).toEqual(goodData(before));
    expect(poller.nextDelayMs()).toBeGreaterThan(POLL_MS);
    for (const arn of closedArns) expect(await reportOf(arn)).toBe(closedReports.get(arn));

    await restart;
    expect(sandbox.motoPid).not.toBe(oldPid);
    expect(() => process.kill(oldPid, 0)).toThrow();
    await poller.pollOnce();
    const after = poller.snapshot();
    expect(after.error).toBeNull();
    expect(Date.parse(after.updatedAt!)).toBeGreaterThan(Date.parse(before.updatedAt!));
    expect(poller.nextDelayMs()).toBe(POLL_MS);
    // Re-seeded: every state machine is listed again.
    expect(after.stateMachines.map((sm) => sm.stateMachineArn).sort()).toEqual(Object.values(sandbox.seed.stateMachines).map((sm) => sm.arn).sort());
    // The new moto has never heard of the cached executions, and the cache does not ask it.
    for (const arn of closedArns) {
      await expect(describeExecution(arn)).rejects.toMatchObject({ kind: "not-found" });
      expect(await reportOf(arn)).toBe(closedReports.get(arn));
    }
    // The sandbox's own traffic runs against the new moto.
    const started = await sandbox.startExecution("nightly-export", `after-restart-${Date.now()}`, { exportId: "after-restart", simulate: { jobStatus: "DONE" } });
    expect(started, "StartExecution on the restarted moto").toMatch(/^arn:aws:states:/);
    await expect(describeExecution(started!)).resolves.toMatchObject({ executionArn: started });
  });

  it("moto dies: last good data stays marked stale, closed executions stay cached", async () => {
    // No restart here (the test above covers one): the outage half with no end.
    const before = poller.snapshot();
    expect(before.error).toBeNull();
    process.kill(sandbox.motoPid, "SIGKILL");
    await pollUntil("a failed cycle once moto is gone", async () => {
      await poller.pollOnce();
      return poller.snapshot().error !== null;
    }, { timeoutMs: 120_000, intervalMs: 200 });
    const during = poller.snapshot();
    expect(goodData(during)).toEqual(goodData(before));
    expect(poller.nextDelayMs()).toBeGreaterThan(POLL_MS);
    for (const arn of closedArns) expect(await reportOf(arn)).toBe(closedReports.get(arn));
  });

  it("left no unhandled rejection", async () => {
    // Give stray promises of the failed cycles a turn to surface.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(unhandled).toEqual([]);
  });
});
