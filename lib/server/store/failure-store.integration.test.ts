import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BadCursorError, FailureStore, type FailureFilter } from "./failure-store";
import type { StoreLocation } from "./open";
import type { FailureDetails, ListedFailure } from "./rows";
import { startTestPostgres, type TestPostgres } from "./testing/postgres";

const NOW = Date.parse("2026-11-30T12:00:00Z");
const HOUR = 3_600_000;
const SM = "arn:aws:states:us-east-1:111111111111:stateMachine:orders";
const RETENTION = { maxAgeMs: 30 * 24 * HOUR, maxBytes: 1024 ** 3 };
const ALL: FailureFilter = { fromMs: 0, toMs: NOW };

function listed(name: string, stopMs: number, over: Partial<ListedFailure> = {}): ListedFailure {
  return { executionArn: `${SM.replace("stateMachine", "execution")}:${name}`, redriveCount: 0, stateMachineArn: SM, versionArn: null, aliasArn: null, name, status: "FAILED", startMs: stopMs - 60_000, stopMs, ...over };
}

const declined = (i: number): FailureDetails => ({ originState: "Charge", originPath: "Charge", originError: "Payment.Declined", originCause: `card declined (Request ID: ${i.toString(16).padStart(8, "0")}-aaaa-4bbb-8ccc-dddddddddddd)`, finalError: "Payment.Declined", kind: "task-failed" });
const timeout: FailureDetails = { originState: "Ship", originPath: "Ship", originError: "States.Timeout", originCause: null, finalError: "States.Timeout", kind: "task-timeout" };

interface Backend {
  name: string;
  location: () => Promise<StoreLocation>;
}

let pg: TestPostgres;
let tmp: string;
let dbCount = 0;

const backends: Backend[] = [
  { name: "SQLite", location: async () => ({ backend: "sqlite", file: path.join(tmp, `index-${++dbCount}.db`) }) },
  { name: "Postgres", location: async () => ({ backend: "postgres", url: await pg.createDatabase(`index_${++dbCount}`) }) },
];

beforeAll(async () => {
  tmp = mkdtempSync(path.join(tmpdir(), "sfn-triage-store-"));
  pg = await startTestPostgres();
}, 120_000);

afterAll(async () => {
  await pg?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

describe.each(backends)("failure index on $name", ({ location }) => {
  async function seeded() {
    const where = await location();
    const store = await FailureStore.open(where, RETENTION);
    // 30 declined payments over the last three hours, 5 shipping timeouts in the last hour.
    const a = Array.from({ length: 30 }, (_, i) => listed(`pay-${String(i).padStart(2, "0")}`, NOW - 3 * HOUR + i * 6 * 60_000));
    const b = Array.from({ length: 5 }, (_, i) => listed(`ship-${i}`, NOW - HOUR + i * 60_000, { status: "TIMED_OUT", versionArn: `${SM}:3` }));
    expect(await store.recordListed([...a, ...b], NOW - 10)).toBe(35);
    // One batch with 30 rows of one signature: Postgres refuses an upsert that touches a row twice, so this must aggregate.
    await store.recordDetailsMany(a.map((f, i) => ({ key: f, details: declined(i) })));
    for (const f of b) await store.recordDetails(f, timeout);
    return { store, where, a, b };
  }

  it("writes idempotently, keyed by execution ARN and redrive count, keeping the first-seen time", async () => {
    const { store, a } = await seeded();
    expect(await store.recordListed(a.slice(0, 3), NOW)).toBe(0);
    expect((await store.failure(a[0]!))!.firstSeenAt).toBe(new Date(NOW - 10).toISOString());
    // A redriven execution that fails again is a second row under the same ARN.
    expect(await store.recordListed([{ ...a[0]!, redriveCount: 1, stopMs: NOW - 1000 }], NOW)).toBe(1);
    expect(await store.count(ALL)).toBe(36);
    expect((await store.knownKeys([a[0]!, { ...a[0]!, redriveCount: 2 }])).size).toBe(2);
    const { pending } = await store.progress();
    expect(pending).toBe(1);
    await store.close();
  });

  it("groups failures into signatures with counts, first/last seen, newest execution and an hourly series", async () => {
    const { store, a, b } = await seeded();
    const page = await store.signatures(ALL, { limit: 10 });
    // Newest occurrence first: the last declined payment (6 min ago) is newer than the last timeout (56 min ago).
    expect(page.items.map((s) => [s.originError, s.count])).toEqual([["Payment.Declined", 30], ["States.Timeout", 5]]);
    const pay = page.items[0]!;
    expect(pay.normalisedCause).toBe("card declined (Request ID: <id>)");
    expect(pay.firstAtMs).toBe(a[0]!.stopMs);
    expect(pay.firstExecutionArn).toBe(a[0]!.executionArn);
    expect(pay.newestExecutionArn).toBe(a[29]!.executionArn);
    expect(pay.lastAtMs).toBe(a[29]!.stopMs);
    expect([...pay.hourly.values()].reduce((x, y) => x + y, 0)).toBe(30);
    expect(pay.hourly.size).toBe(3);
    expect(page.items[1]!.statuses).toEqual(["TIMED_OUT"]);
    expect(page.items[1]!.newestExecutionArn).toBe(b[4]!.executionArn);
    // A window that holds only the last hour counts only what is inside it, but first seen stays the first ever.
    const lastHour = await store.signatures({ fromMs: NOW - HOUR, toMs: NOW }, { limit: 10 });
    const payHour = lastHour.items.find((s) => s.originError === "Payment.Declined")!;
    expect(payHour.count).toBe(a.filter((f) => f.stopMs >= NOW - HOUR).length);
    expect(payHour.firstAtMs).toBe(a[0]!.stopMs);
    expect(await store.versionsOf({ ...ALL, signatureId: page.items[1]!.signatureId })).toEqual([{ versionArn: `${SM}:3`, aliasArn: null, count: 5 }]);
    await store.close();
  });

  it("searches error, cause, state and name case-insensitively, with % and _ taken literally", async () => {
    const { store } = await seeded();
    expect(await store.count({ ...ALL, q: "payment.DECLINED" })).toBe(30);
    expect(await store.count({ ...ALL, q: "ship" })).toBe(5);
    expect(await store.count({ ...ALL, q: "card declined" })).toBe(30);
    expect(await store.count({ ...ALL, q: "%" })).toBe(0);
    expect(await store.count({ ...ALL, q: "pay_0" })).toBe(0);
    expect(await store.count({ ...ALL, status: "TIMED_OUT" })).toBe(5);
    expect(await store.count({ ...ALL, stateMachine: "orders" })).toBe(35);
    expect(await store.count({ ...ALL, stateMachine: SM })).toBe(35);
    expect(await store.count({ ...ALL, stateMachine: "refunds" })).toBe(0);
    await store.close();
  });

  it("pages executions newest first by cursor without repeats or gaps, ties included", async () => {
    const { store } = await seeded();
    // Five more at the very same stop time: the cursor must break the tie by ARN.
    await store.recordListed(Array.from({ length: 5 }, (_, i) => listed(`tie-${i}`, NOW - 30 * 60_000)), NOW);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await store.executions(ALL, { cursor, limit: 7 });
      seen.push(...page.items.map((e) => e.executionArn));
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(6);
    expect(seen).toHaveLength(40);
    expect(new Set(seen).size).toBe(40);
    const all = await store.executions(ALL, { limit: 100 });
    expect(seen).toEqual(all.items.map((e) => e.executionArn));
    const stops = all.items.map((e) => Date.parse(e.stopDate));
    expect(stops).toEqual([...stops].sort((x, y) => y - x));
    await expect(store.executions(ALL, { cursor: "not-a-cursor", limit: 5 })).rejects.toBeInstanceOf(BadCursorError);
    await store.close();
  });

  it("pages signatures by cursor", async () => {
    const { store } = await seeded();
    const first = await store.signatures(ALL, { limit: 1 });
    expect(first.items).toHaveLength(1);
    const second = await store.signatures(ALL, { limit: 1, cursor: first.nextCursor! });
    expect(second.items).toHaveLength(1);
    expect(second.items[0]!.signatureId).not.toBe(first.items[0]!.signatureId);
    expect(second.nextCursor).toBeNull();
    await store.close();
  });

  it("keeps first-seen times, signatures, reports and page gaps across a restart", async () => {
    const { store, where, a } = await seeded();
    const before = await store.signatures(ALL, { limit: 10 });
    const report = { status: "FAILED", failure: { state: "Charge", error: "Payment.Declined" }, bytes: "é".repeat(10) };
    await store.putReport(a[0]!, report, a[0]!.stopMs, NOW);
    await store.addGap({ id: "g1", stateMachineArn: SM, status: "FAILED", nextToken: "tok" }, NOW);
    await store.close();

    const reopened = await FailureStore.open(where, RETENTION);
    const after = await reopened.signatures(ALL, { limit: 10 });
    expect(after.items.map((s) => ({ ...s, hourly: [...s.hourly] }))).toEqual(before.items.map((s) => ({ ...s, hourly: [...s.hourly] })));
    expect((await reopened.failure(a[3]!))!.firstSeenAt).toBe(new Date(NOW - 10).toISOString());
    expect(await reopened.getReport(a[0]!)).toEqual(report);
    expect(await reopened.getReport({ ...a[0]!, redriveCount: 1 })).toBeNull();
    expect((await reopened.gaps()).map((g) => g.nextToken)).toEqual(["tok"]);
    await reopened.removeGap("g1");
    expect(await reopened.gaps()).toEqual([]);
    await reopened.close();
  });

  it("drops by age and by size and counts what it dropped", async () => {
    const where = await location();
    const store = await FailureStore.open(where, { maxAgeMs: 24 * HOUR, maxBytes: 1024 ** 3 });
    const old = Array.from({ length: 4 }, (_, i) => listed(`old-${i}`, NOW - 48 * HOUR - i));
    const fresh = Array.from({ length: 200 }, (_, i) => listed(`new-${String(i).padStart(3, "0")}`, NOW - HOUR + i * 1000));
    await store.recordListed([...old, ...fresh], NOW);
    await store.putReport(old[0]!, { x: 1 }, old[0]!.stopMs, NOW);
    expect(await store.applyRetention(NOW)).toMatchObject({ age: 4, size: 0, reports: 1 });
    expect(await store.count(ALL)).toBe(200);

    const bytes = await store.storedBytes();
    const small = await FailureStore.open(where, { maxAgeMs: 24 * HOUR, maxBytes: Math.floor(bytes / 2) });
    const result = await small.applyRetention(NOW);
    expect(result.size).toBeGreaterThan(0);
    expect(await small.storedBytes()).toBeLessThanOrEqual(bytes / 2);
    // The oldest went first: the newest execution is still there.
    expect(await small.failure(fresh[199]!)).not.toBeNull();
    expect(await small.failure(fresh[0]!)).toBeNull();
    expect(await small.dropped()).toEqual({ age: 4, size: result.size, reports: 1 });
    await small.close();
    await store.close();
  });
});
