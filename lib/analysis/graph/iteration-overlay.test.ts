import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "@/lib/domain/triage";
import { makeReport, makeStateReport } from "@/test-support/make-report";
import { buildStateGraph } from "./build-state-graph";
import { buildIterationOverlay, countMapIterations } from "./iteration-overlay";
import { buildGraphOverlay } from "./overlay";

const model = buildStateGraph({
  StartAt: "Items",
  States: {
    Items: { Type: "Map", ItemProcessor: { StartAt: "Charge", States: { Charge: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Next: "Ship" }, Ship: { Type: "Pass", End: true } } }, End: true },
  },
});
const overlay = buildGraphOverlay(
  model,
  makeReport({
    status: "FAILED",
    failure: { state: "Charge", path: "Items/Charge", error: "Declined", cause: null, kind: "task-failed", eventId: 30 },
    states: [makeStateReport("Items", { type: "Map", outcome: "failed", mapIterations: 2 }), makeStateReport("Items/Charge", { outcome: "failed", attempts: 2 }), makeStateReport("Items/Ship", { type: "Pass" })],
  }),
);

let id = 0;
function row(path: string, type: string, iteration: number, fields: Partial<TimelineEvent> = {}): TimelineEvent {
  id++;
  return { id, previousEventId: null, timestamp: "", type, state: path.split("/").at(-1)!, path, visit: id, iteration, error: null, cause: null, payloadBytes: null, payloadField: null, elapsedMs: id * 100, sincePreviousMs: 100, isError: false, isRetry: false, ...fields };
}
const events = [
  row("Items/Charge", "TaskStateEntered", 0, { visit: 1, payloadBytes: 120 }),
  row("Items/Charge", "TaskStateExited", 0, { visit: 1, payloadBytes: 4_000 }),
  row("Items/Ship", "PassStateEntered", 0),
  row("Items/Ship", "PassStateExited", 0),
  row("Items/Charge", "TaskStateEntered", 1, { visit: 9 }),
  row("Items/Charge", "TaskFailed", 1, { visit: 9, isError: true, error: "Declined" }),
];

describe("buildIterationOverlay", () => {
  it("paints the Map's states as one iteration saw them", () => {
    expect(countMapIterations(overlay, "Items")).toBe(2);
    const first = buildIterationOverlay(overlay, "Items", 0, events);
    expect(first.byPath["Items/Charge"]).toMatchObject({ outcome: "succeeded", origin: false, maxPayloadBytes: 4_000 });
    expect(first.byPath["Items/Charge"]!.state).toMatchObject({ entered: 1, events: 2, maxInputBytes: 120, maxOutputBytes: 4_000 });
    expect(first.byPath["Items/Ship"]!.outcome).toBe("succeeded");
    const second = buildIterationOverlay(overlay, "Items", 1, events);
    expect(second.byPath["Items/Charge"]).toMatchObject({ outcome: "failed", origin: true, label: "✕ failed (origin)" });
    expect(second.byPath["Items/Charge"]!.state!.lastError).toMatchObject({ error: "Declined" });
    expect(second.byPath["Items/Ship"]).toMatchObject({ outcome: "not-reached", state: null });
    // The Map itself keeps the execution's view.
    expect(second.byPath.Items).toBe(overlay.byPath.Items);
  });

  it("says a state stopped unfinished when its Map ended around it", () => {
    const stopped = buildIterationOverlay(overlay, "Items", 1, [row("Items/Ship", "PassStateEntered", 1)]);
    expect(stopped.byPath["Items/Ship"]).toMatchObject({ outcome: "not-reached", label: "◼ stopped unfinished (its Map ended)" });
  });
});
