import { describe, expect, it } from "vitest";
import { buildExecutionReport } from "../history/report";
import { buildStateGraph } from "./build-state-graph";
import { buildGraphOverlay, describeOutcome } from "./overlay";
import { loadFixtures } from "@/test-support/recorded-fixtures";
import { makeReport, makeStateReport } from "@/test-support/make-report";

const definition = {
  StartAt: "Fetch",
  States: {
    Fetch: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", Next: "Items" },
    Items: {
      Type: "Map",
      ItemProcessor: { StartAt: "Transform", States: { Transform: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", TimeoutSeconds: 5, End: true } } },
      Next: "Done",
    },
    Done: { Type: "Succeed" },
  },
};
const model = buildStateGraph(definition);

describe("buildGraphOverlay", () => {
  const report = makeReport({
    status: "FAILED",
    failure: { state: "Transform", path: "Items/Transform", error: "States.Timeout", cause: null, kind: "task-timeout", eventId: 30 },
    states: [
      makeStateReport("Fetch", { outcome: "retried-succeeded", attempts: 3, retries: 2, maxOutputBytes: 250_000 }),
      makeStateReport("Items", { type: "Map", outcome: "failed" }),
      makeStateReport("Items/Transform", { outcome: "timed-out", maxInputBytes: null, maxOutputBytes: null }),
    ],
    handledErrors: [
      { path: "Fetch", state: "Fetch", error: "Lambda.ServiceException", cause: null, eventId: 7, handledBy: { kind: "retry", retrierIndex: 0, errorEquals: ["Lambda.ServiceException"] } },
    ],
  });
  const overlay = buildGraphOverlay(model, report);

  it("marks the origin unmistakably and the states around it by their own outcome", () => {
    expect(overlay.byPath["Items/Transform"]).toMatchObject({ outcome: "timed-out", origin: true, label: "◷ timed out (origin)" });
    expect(overlay.byPath["Items"]).toMatchObject({ outcome: "failed", origin: false, label: "✕ failed" });
    expect(overlay.byPath["Fetch"]).toMatchObject({ outcome: "retried-succeeded", label: "↻ retried, then succeeded" });
    expect(overlay.byPath["Done"]).toMatchObject({ outcome: "not-reached", label: "○ not reached", state: null });
  });

  it("gives payload shares of 262,144 and the handled errors of each state", () => {
    expect(overlay.byPath["Fetch"]!.maxPayloadBytes).toBe(250_000);
    expect(overlay.byPath["Fetch"]!.payloadRatio).toBeCloseTo(250_000 / 262_144);
    expect(overlay.byPath["Items/Transform"]!.payloadRatio).toBeNull();
    expect(overlay.byPath["Fetch"]!.handled.map((h) => h.error)).toEqual(["Lambda.ServiceException"]);
    expect(overlay.unmatchedPaths).toEqual([]);
    expect(overlay.executionFailure).toBeNull();
  });

  it("keeps an execution-level failure apart and lists states the definition no longer has", () => {
    const timedOut = buildGraphOverlay(
      model,
      makeReport({
        status: "TIMED_OUT",
        failure: { state: null, path: null, error: "States.Timeout", cause: null, kind: "execution-timeout", eventId: 12 },
        states: [makeStateReport("Fetch", { outcome: "running" }), makeStateReport("OldState")],
      }),
    );
    expect(timedOut.executionFailure?.kind).toBe("execution-timeout");
    expect(Object.values(timedOut.byPath).some((s) => s.origin)).toBe(false);
    expect(timedOut.byPath["Fetch"]!.label).toBe("▶ running");
    expect(timedOut.unmatchedPaths).toEqual(["OldState"]);
  });

  it("paints the origin as failed even when the per-state outcome disagrees", () => {
    const odd = buildGraphOverlay(
      model,
      makeReport({ failure: { state: "Fetch", path: "Fetch", error: "Boom", cause: null, kind: "task-failed", eventId: 9 }, states: [makeStateReport("Fetch", { outcome: "succeeded" })] }),
    );
    expect(odd.byPath["Fetch"]).toMatchObject({ outcome: "failed", origin: true, label: "✕ failed (origin)" });
  });

  it("describes every outcome with an icon and words", () => {
    expect(describeOutcome("caught", false).label).toBe("⤳ caught");
    expect(describeOutcome("failed", true).label).toBe("✕ failed (origin)");
  });
});

describe("buildGraphOverlay with the analyser's reports of the recorded fixtures", () => {
  const fixtures = loadFixtures().filter((f) => f.definition !== null);

  it.each(fixtures.map((f) => [f.file, f] as const))("%s: every reported state is on the graph, and the origin too", (_file, fixture) => {
    const report = buildExecutionReport(fixture.events, { definition: fixture.definition, now: "2030-01-01T00:00:00Z" });
    const overlay = buildGraphOverlay(buildStateGraph(fixture.definition!), report);
    expect(overlay.unmatchedPaths).toEqual([]);
    const origins = Object.values(overlay.byPath).filter((s) => s.origin).map((s) => s.path);
    const expected = report.failure?.origin?.path ?? report.failure?.path ?? null;
    expect(origins).toEqual(expected ? [expected] : []);
  });
});
