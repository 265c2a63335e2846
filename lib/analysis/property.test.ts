// Shuffled, truncated and corrupted histories: the analyser returns a report or throws HistoryError, nothing else.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "@/lib/domain/history-event";
import type { ExecutionReport } from "@/lib/domain/report";
import { HistoryError } from "./errors";
import { buildExecutionReport } from "./history/report";
import { generateMapHistory } from "@/test-support/generate-history";
import { generateExecutionTimeoutHistory, generateRedriveHistory } from "@/test-support/generate-scenarios";
import { fixtureFiles, loadFixture } from "@/test-support/recorded-fixtures";

interface Base {
  events: HistoryEvent[];
  definition: string | null;
}
// Every 7th recorded file (≈ 70, all families) plus the generated shapes the corpus lacks.
const bases: Base[] = fixtureFiles()
  .filter((_, i) => i % 7 === 0)
  .map(loadFixture)
  .map(({ events, definition }) => ({ events, definition }));
bases.push(generateMapHistory({ items: 12, concurrency: 3 }), generateRedriveHistory(), generateExecutionTimeoutHistory());

/** Runs the analyser; a HistoryError is a fine answer, any other throw fails the property. */
function analyse(events: unknown, definition: unknown = null): ExecutionReport | HistoryError {
  try {
    const report = buildExecutionReport(events, { definition: definition as string | null, now: "2024-06-01T00:00:00Z", executionsPerMonth: 1000 });
    JSON.stringify(report);
    return report;
  } catch (error) {
    if (error instanceof HistoryError) return error;
    throw error;
  }
}

function expectConsistent(result: ExecutionReport | HistoryError, inputLength: number): void {
  if (result instanceof HistoryError) {
    expect(result.message.length).toBeGreaterThan(0);
    return;
  }
  expect(result.eventCount).toBe(inputLength);
  const attributed = result.states.reduce((sum, s) => sum + s.events, 0);
  expect(attributed + result.history.executionEvents! + result.history.unattributedEvents!).toBe(inputLength);
}

const base = fc.constantFrom(...bases);
const RUNS = { numRuns: 300 };

describe("the analyser under hostile input", () => {
  it("survives shuffled events (out of order is a typed error, not a crash)", () => {
    fc.assert(
      fc.property(base.chain((b) => fc.tuple(fc.constant(b), fc.shuffledSubarray(b.events, { minLength: b.events.length }))), ([b, events]) => {
        const result = analyse(events, b.definition);
        expectConsistent(result, events.length);
        const sorted = events.every((e, i) => i === 0 || e.id > events[i - 1]!.id);
        const reversed = events.every((e, i) => i === 0 || e.id < events[i - 1]!.id);
        if (!sorted && !reversed) expect((result as HistoryError).code).toBe("out-of-order");
      }),
      RUNS,
    );
  });

  it("survives truncation at both ends and dropped events", () => {
    fc.assert(
      fc.property(base.chain((b) => fc.tuple(fc.constant(b), fc.subarray(b.events, { minLength: 1 }))), ([b, events]) => {
        const result = analyse(events, b.definition);
        expect(result).not.toBeInstanceOf(HistoryError); // order is kept, so this is still a (partial) history
        expectConsistent(result, events.length);
      }),
      RUNS,
    );
  });

  it("survives a field of one event replaced by anything", () => {
    const field = fc.constantFrom("id", "type", "timestamp", "previousEventId", "details", "name", "whole", "payload", "error");
    fc.assert(
      fc.property(base, fc.nat(), field, fc.anything(), (b, at, which, value) => {
        const events: unknown[] = b.events.map((e) => ({ ...e }));
        const index = at % events.length;
        const event = events[index] as Record<string, unknown>;
        const detailsKey = Object.keys(event).find((k) => k.endsWith("EventDetails"));
        if (which === "whole") events[index] = value;
        else if (which === "details") event[detailsKey ?? "taskFailedEventDetails"] = value;
        else if (which === "name" || which === "payload" || which === "error") {
          const key = which === "name" ? "name" : which === "error" ? "error" : "input";
          event[detailsKey ?? "stateEnteredEventDetails"] = { ...(event[detailsKey ?? ""] as object), [key]: value, output: value };
        } else event[which] = value;
        expectConsistent(analyse(events, b.definition), events.length);
      }),
      RUNS,
    );
  });

  it("survives a corrupt or mismatched definition", () => {
    fc.assert(
      fc.property(base, fc.oneof(fc.anything(), fc.json(), fc.constantFrom(...bases.map((x) => x.definition))), (b, definition) => {
        expectConsistent(analyse(b.events, definition), b.events.length);
      }),
      RUNS,
    );
  });

  it("survives input that is not a history at all", () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        const result = analyse(input);
        if (!(result instanceof HistoryError)) expect(Array.isArray(input) || typeof input === "object").toBe(true);
      }),
      RUNS,
    );
  });
});
