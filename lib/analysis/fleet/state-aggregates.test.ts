import { describe, expect, it } from "vitest";
import type { ExecutionReport, StateReport } from "@/lib/domain/report";
import { makeReport as makeSharedReport, makeStateReport } from "@/test-support/make-report";
import { aggregateStates } from "./state-aggregates";

const makeState = makeStateReport;

function makeReport(states: StateReport[]): ExecutionReport {
  return makeSharedReport({ states, eventCount: states.reduce((n, s) => n + s.events, 2), transitions: states.length });
}

describe("aggregateStates", () => {
  it("returns nothing for no reports", () => {
    expect(aggregateStates([])).toEqual([]);
  });

  it("counts executions, failures and timeouts per state path, skipping states not reached", () => {
    const reports = [
      makeReport([makeState("Validate"), makeState("Charge", { outcome: "failed" }), makeState("Ship", { outcome: "not-reached" })]),
      makeReport([makeState("Validate"), makeState("Charge", { outcome: "timed-out" }), makeState("Ship", { outcome: "not-reached" })]),
      makeReport([makeState("Validate"), makeState("Charge", { outcome: "caught" }), makeState("Ship")]),
    ];
    const rows = aggregateStates(reports);
    expect(rows.map((r) => [r.path, r.executions, r.failures, r.timeouts])).toEqual([
      ["Validate", 3, 0, 0],
      ["Charge", 3, 1, 1],
      ["Ship", 1, 0, 0],
    ]);
  });

  it("keeps a nested path apart from a top-level state of the same name", () => {
    const rows = aggregateStates([makeReport([makeState("ProcessItem"), makeState("Map/ProcessItem", { outcome: "failed" })])]);
    expect(rows.map((r) => [r.path, r.failures])).toEqual([
      ["ProcessItem", 0],
      ["Map/ProcessItem", 1],
    ]);
  });

  it("takes each execution's peak of input and output for max and p95 (nearest rank)", () => {
    // Peaks 1..20 KB, alternating between input and output: p95 of 20 values is the 19th.
    const reports = Array.from({ length: 20 }, (_, i) => {
      const kb = (i + 1) * 1000;
      return makeReport([makeState("Transform", i % 2 ? { maxInputBytes: kb, maxOutputBytes: 10 } : { maxInputBytes: 10, maxOutputBytes: kb })]);
    });
    expect(aggregateStates(reports.reverse())[0]).toMatchObject({ path: "Transform", executions: 20, maxBytes: 20_000, p95Bytes: 19_000 });
  });

  it.each([
    [[5], 5],
    [[1, 2], 2],
    [[3, 1, 2], 3],
    [Array.from({ length: 100 }, (_, i) => i + 1), 95],
    [Array.from({ length: 101 }, (_, i) => i + 1), 96],
  ])("p95 of %j is %d", (peaks, expected) => {
    const reports = peaks.map((bytes) => makeReport([makeState("S", { maxInputBytes: bytes, maxOutputBytes: null })]));
    expect(aggregateStates(reports)[0]?.p95Bytes).toBe(expected);
  });

  it("leaves bytes null when no history carried payloads, and ignores those executions in the peaks", () => {
    const noPayload = { maxInputBytes: null, maxOutputBytes: null, lastInputBytes: null, lastOutputBytes: null, headroomBytes: null };
    expect(aggregateStates([makeReport([makeState("S", noPayload)])])[0]).toMatchObject({ maxBytes: null, p95Bytes: null });
    const mixed = aggregateStates([makeReport([makeState("S", noPayload)]), makeReport([makeState("S", { maxInputBytes: 0, maxOutputBytes: null })])]);
    expect(mixed[0]).toMatchObject({ executions: 2, maxBytes: 0, p95Bytes: 0 });
  });

  it("averages events per execution over the executions that reached the state", () => {
    const rows = aggregateStates([
      makeReport([makeState("Poll", { events: 7 })]),
      makeReport([makeState("Poll", { events: 12 })]),
      makeReport([makeState("Poll", { outcome: "not-reached", events: 0 })]),
    ]);
    expect(rows[0]?.eventsPerExecution).toBe(9.5);
  });
});
