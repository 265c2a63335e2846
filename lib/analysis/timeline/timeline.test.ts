// The event rows come from the analyser's one attribution: every recorded history, and the quirks that fooled
// the old previousEventId walk (MapStateFailed #32 hangs off an inner TaskTimedOut; ParallelStateExited off a branch).
import { describe, expect, it } from "vitest";
import { loadFixtures } from "@/test-support/recorded-fixtures";
import { loadSandboxHistories, loadSandboxHistory } from "@/test-support/sandbox-histories";
import { analyseHistory } from "../history/report";
import { selectEvents } from "./timeline";

const NOW = "2030-01-01T00:00:00Z";
const histories = [
  ...loadFixtures().map((f) => ({ name: f.file, definition: f.definition, events: f.events })),
  ...loadSandboxHistories(),
];

describe("event rows", () => {
  it("label a Map's and a Parallel's own events with the Map or Parallel, not an inner state", () => {
    const mapTimeout = loadFixtures().find((f) => f.file === "timeouts.test_timeouts_test_service_lambda_map_timeout__0.json")!;
    const { events } = analyseHistory(mapTimeout.events, { definition: mapTimeout.definition, now: NOW });
    const failed = events.find((e) => e.id === 32)!;
    expect(failed.type).toBe("MapStateFailed");
    expect(failed.path).toBe("MapWait");
    const order = loadSandboxHistory("order-flow-payment-declined");
    const rows = analyseHistory(order.events, { definition: order.definition, now: NOW }).events;
    const exited = rows.filter((e) => e.type === "ParallelStateFailed" || e.type === "ParallelStateExited" || e.type === "ParallelStateStarted");
    expect(exited.length).toBeGreaterThan(0);
    for (const e of exited) expect(e.path).toBe("Checks");
  });

  it.each(histories.map((h) => [h.name, h] as const))("%s: rows agree with the report, event for event", (_name, h) => {
    const { report, events } = analyseHistory(h.events, { definition: h.definition, now: NOW });
    expect(events).toHaveLength(report.eventCount);
    const types = new Map(report.states.map((s) => [s.path, s.type]));
    const perState = new Map<string, number>();
    for (const row of events) {
      if (row.path !== null) perState.set(row.path, (perState.get(row.path) ?? 0) + 1);
      // A Map's own events belong to a Map, a Parallel's to a Parallel: never to a state inside them.
      if (/^(MapState|MapIteration|MapRun)/.test(row.type)) expect(types.get(row.path!), `${row.type} #${row.id}`).toBe("Map");
      if (row.type.startsWith("ParallelState")) expect(types.get(row.path!), `${row.type} #${row.id}`).toBe("Parallel");
      if (row.type.startsWith("Execution")) expect(row.path).toBeNull();
    }
    for (const s of report.states) expect(perState.get(s.path) ?? 0, s.path).toBe(s.events);
    // Elapsed times run from the first event and never go back.
    for (let i = 1; i < events.length; i++) expect(events[i]!.elapsedMs).toBeGreaterThanOrEqual(events[i - 1]!.elapsedMs);
  });
});

describe("selectEvents", () => {
  const big = histories.reduce((a, b) => (b.events.length > a.events.length ? b : a));
  const rows = analyseHistory(big.events, { definition: big.definition, now: NOW }).events;

  it("pages newest first without losing or repeating an event", () => {
    const seen: number[] = [];
    let before: number | undefined;
    for (let guard = 0; guard < 1000; guard++) {
      const page = selectEvents(rows, { before, limit: 7 });
      seen.push(...page.events.map((e) => e.id));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(seen).toEqual(rows.map((r) => r.id).reverse());
  });

  it("filters by state, errors, retries and text", () => {
    const path = rows.find((r) => r.path !== null)!.path!;
    expect(selectEvents(rows, { state: path, limit: 5000 }).events.every((e) => e.path === path)).toBe(true);
    const errors = selectEvents(rows, { kind: "errors", limit: 5000 });
    expect(errors.matched).toBe(rows.filter((r) => r.isError).length);
    const retries = selectEvents(rows, { kind: "retries", limit: 5000 });
    expect(retries.matched).toBe(rows.filter((r) => r.isRetry).length);
    expect(selectEvents(rows, { q: rows[0]!.type.toLowerCase(), limit: 5000 }).events.every((e) => [e.type, e.path, e.error, e.cause, String(e.id)].some((t) => t?.toLowerCase().includes(rows[0]!.type.toLowerCase())))).toBe(true);
  });
});
