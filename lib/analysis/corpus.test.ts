// Runs the analyser on every recorded AWS history and checks what must hold for any of them.
import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "@/lib/domain/history-event";
import { buildExecutionReport } from "./history/report";
import { parseDefinition } from "./definition";
import { fixtureFiles, loadFixture } from "@/test-support/recorded-fixtures";

const files = fixtureFiles();
const NOW = "2024-06-01T00:00:00Z";

const TERMINAL: Record<string, string> = {
  ExecutionSucceeded: "SUCCEEDED",
  ExecutionFailed: "FAILED",
  ExecutionTimedOut: "TIMED_OUT",
  ExecutionAborted: "ABORTED",
};

// AWS-FACTS.md "Payload-bearing details", written out again here so the test does not trust the code's table.
const PAYLOAD_FIELDS: [string, string][] = [
  ["stateEnteredEventDetails", "input"],
  ["stateExitedEventDetails", "output"],
  ["taskScheduledEventDetails", "parameters"],
  ["taskSucceededEventDetails", "output"],
  ["taskSubmittedEventDetails", "output"],
  ["lambdaFunctionScheduledEventDetails", "input"],
  ["lambdaFunctionSucceededEventDetails", "output"],
  ["activityScheduledEventDetails", "input"],
  ["activitySucceededEventDetails", "output"],
  ["executionStartedEventDetails", "input"],
  ["executionSucceededEventDetails", "output"],
];

function payloadBytes(event: HistoryEvent): number[] {
  const sizes: number[] = [];
  for (const [key, field] of PAYLOAD_FIELDS) {
    const value = (event as unknown as Record<string, Record<string, unknown> | undefined>)[key]?.[field];
    if (typeof value === "string") sizes.push(Buffer.byteLength(value, "utf8"));
  }
  return sizes;
}

describe("every recorded AWS history", () => {
  it("is a corpus worth the name", () => {
    expect(files.length).toBeGreaterThanOrEqual(500);
  });

  describe.each(files)("%s", (file) => {
    const fixture = loadFixture(file);
    const report = buildExecutionReport(fixture.events, { definition: fixture.definition, now: NOW, region: "us-east-1" });
    const definition = fixture.definition ? parseDefinition(fixture.definition) : null;
    const events = fixture.events;

    it("attributes every event to a state or to the execution", () => {
      const attributed = report.states.reduce((sum, s) => sum + s.events, 0) + report.history.executionEvents!;
      expect(report.history.unattributedEvents).toBe(0);
      expect(attributed).toBe(events.length);
      expect(report.eventCount).toBe(events.length);
      expect(report.runs.reduce((sum, a) => sum + a.events, 0)).toBe(events.length);
    });

    it("takes the status from the terminal event", () => {
      const last = events[events.length - 1]!.type;
      expect(report.status).toBe(TERMINAL[last] ?? "RUNNING");
      expect(report.failure === null).toBe(report.status === "SUCCEEDED" || report.status === "RUNNING");
    });

    it("places the failure and every entered state in the definition", () => {
      if (definition === null) return;
      for (const state of report.states) if (state.entered > 0) expect(definition.states.has(state.path), state.path).toBe(true);
      if (report.failure?.path) {
        expect(definition.states.has(report.failure.path)).toBe(true);
        expect(report.failure.path.split("/").at(-1)).toBe(report.failure.state);
      }
      if (report.status === "FAILED") expect(report.failure?.path).toBeTruthy();
      for (const handled of report.handledErrors) {
        expect(definition.states.has(handled.path)).toBe(true);
        expect(definition.states.has(handled.handlerPath!)).toBe(true);
      }
    });

    it("counts bytes as UTF-8 lengths of the recorded strings", () => {
      const all = events.flatMap(payloadBytes);
      expect(report.payload.maxBytes).toBe(all.length ? Math.max(...all) : null);
      const seen = new Set(all);
      for (const state of report.states) {
        for (const bytes of [state.maxInputBytes, state.maxOutputBytes, state.lastInputBytes, state.lastOutputBytes]) {
          if (bytes !== null) expect(seen.has(bytes)).toBe(true);
        }
        const peak = Math.max(state.maxInputBytes ?? -1, state.maxOutputBytes ?? -1);
        expect(state.headroomBytes).toBe(peak < 0 ? null : 262_144 - peak);
      }
      // A state entered under a unique name: its input is at least every StateEntered input of that name.
      for (const state of report.states) {
        if (definition && definition.pathsByName.get(state.name)?.length !== 1) continue;
        const inputs = events
          .filter((e) => e.type.endsWith("StateEntered") && e.stateEnteredEventDetails?.name === state.name)
          .map((e) => Buffer.byteLength(String(e.stateEnteredEventDetails?.input ?? ""), "utf8"));
        if (inputs.length) expect(state.maxInputBytes).toBeGreaterThanOrEqual(Math.max(...inputs));
      }
    });

    it("counts one transition per state entered plus one per retry", () => {
      const entered = events.filter((e) => e.type.endsWith("StateEntered")).length;
      expect(report.states.reduce((sum, s) => sum + s.entered, 0)).toBe(entered);
      expect(report.transitions).toBe(entered + report.states.reduce((sum, s) => sum + s.retries, 0));
      expect(report.cost.transitions).toBe(report.transitions);
      expect(report.cost.standardUsd).toBeCloseTo(report.transitions * 0.000025, 10);
    });

    it("measures the history against 25,000 events", () => {
      expect(report.history.events).toBe(events.length);
      expect(report.history.ratio).toBeCloseTo(events.length / 25_000, 12);
      expect(report.history.byState.reduce((sum, s) => sum + s.events, 0)).toBe(events.length - report.history.executionEvents!);
    });

    it("is JSON-safe", () => {
      expect(JSON.parse(JSON.stringify(report))).toEqual(report);
    });
  });
});
