// What the recorded corpus lacks, on generated histories: execution timeout, redrive, the 25,000-event cap,
// interleaved Map items, histories without payloads, newest-first pages, running executions.
import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "@/lib/domain/history-event";
import { buildExecutionReport } from "./history/report";
import { HISTORY_LIMIT_CAUSE } from "./limits";
import { generateMapHistory } from "@/test-support/generate-history";
import { generateExecutionTimeoutHistory, generateRedriveHistory } from "@/test-support/generate-scenarios";
import { firstPageNewestFirst, stripPayloads } from "@/test-support/make-event";

const NOW = "2024-06-01T00:00:00Z";
const analyse = (events: unknown, definition: string | null, extra: object = {}) =>
  buildExecutionReport(events, { definition, now: NOW, ...extra });
const stateOf = (report: ReturnType<typeof analyse>, path: string) => report.states.find((s) => s.path === path)!;

describe("execution-level timeout", () => {
  const { events, definition } = generateExecutionTimeoutHistory();
  const report = analyse(events, definition);

  it("is TIMED_OUT, blames no state, and names the state that was waiting", () => {
    expect(report.status).toBe("TIMED_OUT");
    expect(report.failure).toEqual({
      state: null,
      path: null,
      error: "States.Timeout",
      cause: "The execution timed out.",
      kind: "execution-timeout",
      eventId: 8,
      originEventId: null,
      activePaths: ["WaitForApproval"],
    });
    expect(stateOf(report, "WaitForApproval").outcome).toBe("timed-out");
    expect(stateOf(report, "Validate").outcome).toBe("succeeded");
    expect(report.durationMs).toBe(60_350);
  });
});

describe("redrive", () => {
  const { events, definition } = generateRedriveHistory();
  const report = analyse(events, definition);

  it("analyses each attempt and the whole", () => {
    expect(report.status).toBe("SUCCEEDED");
    expect(report.failure).toBeNull();
    expect(report.runs).toEqual([
      expect.objectContaining({ index: 0, firstEventId: 1, lastEventId: 11, status: "FAILED", transitions: 3, events: 11, redrive: false }),
      expect.objectContaining({ index: 1, firstEventId: 12, lastEventId: 20, status: "SUCCEEDED", transitions: 2, events: 9, redrive: true }),
    ]);
    expect(report.runs[0]!.failure).toMatchObject({ path: "Charge", kind: "task-failed", error: "Payments.Unavailable", eventId: 10 });
    expect(report.runs[1]!.failure).toBeNull();
    expect(report.transitions).toBe(5);
  });

  it("shows a state by its latest attempt, and keeps the retry of the first", () => {
    expect(stateOf(report, "Charge")).toMatchObject({ entered: 2, attempts: 3, retries: 1, outcome: "succeeded" });
    expect(report.handledErrors).toEqual([
      expect.objectContaining({ eventId: 7, path: "Charge", handledBy: { kind: "retry", retrierIndex: 0, errorEquals: ["Payments.Unavailable"] } }),
    ]);
  });

  it("bills Express for the time the attempts ran, not the hour between them", () => {
    expect(report.durationMs).toBeGreaterThan(3_600_000);
    expect(report.cost.express.assumptions[0]).toMatch(/Same run time as this execution \(1\.8 s, runs summed \(redrives\)\)/);
  });
});

describe("an inline Map near the 25,000-event cap", () => {
  const near = generateMapHistory({ items: 3_569, passesBefore: 5 });
  const report = analyse(near.events, near.definition);

  it("reaches 24,999 events and succeeds", () => {
    expect(near.events).toHaveLength(24_999);
    expect(report.status).toBe("SUCCEEDED");
    expect(report.history).toMatchObject({ events: 24_999, limit: 25_000, ratio: 24_999 / 25_000 });
    expect(report.history.byState[0]).toEqual({ path: "ProcessAll/ProcessItem", events: 3_569 * 5 });
  });

  it("says how many items would cross the cap (16 fixed events + 7 per item)", () => {
    expect(report.history.maps).toEqual([{ path: "ProcessAll", items: 3_569, eventsPerItem: 7, itemsToLimit: 3_570 }]);
    expect(report.transitions).toBe(5 + 1 + 3_569);
    expect(stateOf(report, "ProcessAll")).toMatchObject({ mapIterations: 3_569, outcome: "succeeded" });
  });

  it("measures the Task results in UTF-8 bytes", () => {
    const outputs = near.events
      .filter((e) => e.type === "TaskSucceeded")
      .map((e) => Buffer.byteLength(String(e.taskSucceededEventDetails!.output), "utf8"));
    const item = stateOf(report, "ProcessAll/ProcessItem");
    expect(item.maxOutputBytes).toBe(Math.max(...outputs));
    expect(item.maxOutputBytes).toBeGreaterThan(
      Math.max(...near.events.filter((e) => e.type === "TaskSucceeded").map((e) => String(e.taskSucceededEventDetails!.output).length)),
    );
  });
});

describe("an inline Map failed at 25,000 events", () => {
  const full = generateMapHistory({ items: 4_000, concurrency: 10 });
  const report = analyse(full.events, full.definition);

  it("looks like AWS", () => {
    expect(full.events).toHaveLength(25_000);
    const types = new Set(full.events.map((e) => e.type));
    for (const type of ["MapStateEntered", "MapStateStarted", "MapIterationStarted", "MapIterationSucceeded", "TaskScheduled", "TaskSucceeded"]) {
      expect(types.has(type), type).toBe(true);
    }
    expect(full.events.find((e) => e.type === "MapIterationStarted")!.mapIterationStartedEventDetails).toEqual({ index: 0, name: "ProcessAll" });
    expect(full.events.at(-1)).toMatchObject({
      id: 25_000,
      type: "ExecutionFailed",
      executionFailedEventDetails: { error: "States.Runtime", cause: HISTORY_LIMIT_CAUSE },
    });
  });

  it("is a history-limit failure at the full budget", () => {
    expect(report.status).toBe("FAILED");
    expect(report.failure).toMatchObject({ kind: "history-limit", error: "States.Runtime", eventId: 25_000, path: "ProcessAll" });
    expect(report.history.ratio).toBe(1);
    expect(report.history.unattributedEvents).toBe(0);
    expect(stateOf(report, "ProcessAll").outcome).toBe("failed");
  });

  it("attributes interleaved items (10 in flight) to the right states", () => {
    const started = full.events.filter((e) => e.type === "MapIterationStarted").length;
    expect(stateOf(report, "ProcessAll").mapIterations).toBe(started);
    expect(stateOf(report, "ProcessAll/ProcessItem").entered).toBe(full.events.filter((e) => e.type === "TaskStateEntered").length);
    expect(stateOf(report, "ProcessAll/ProcessItem").retries).toBe(0);
  });
});

describe("what the report cannot know", () => {
  const small = generateMapHistory({ items: 20, concurrency: 4 });

  it("a history without payloads (includeExecutionData: false) has unknown sizes, not zeros", () => {
    const report = analyse(stripPayloads(small.events), small.definition);
    expect(report.payload.maxBytes).toBeNull();
    expect(report.states.every((s) => s.maxInputBytes === null && s.maxOutputBytes === null && s.headroomBytes === null)).toBe(true);
    expect(report.incomplete.some((n) => n.includes("includeExecutionData: false"))).toBe(true);
  });

  it("the newest page only (reverseOrder) still finds the failure and the total event count", () => {
    const full = generateMapHistory({ items: 4_000, concurrency: 10 });
    const report = analyse(firstPageNewestFirst(full.events, 100), full.definition);
    expect(report.eventCount).toBe(100);
    expect(report.history.events).toBe(25_000);
    expect(report.status).toBe("FAILED");
    expect(report.failure?.kind).toBe("history-limit");
    expect(report.complete).toBe(false);
    expect(report.incomplete.some((n) => n.includes("reverseOrder"))).toBe(true);
  });

  it("a running execution is measured up to now", () => {
    const report = analyse(small.events.slice(0, 60), small.definition);
    expect(report.status).toBe("RUNNING");
    expect(report.failure).toBeNull();
    expect(report.durationMs).toBe(Date.parse(NOW) - Date.parse(String(small.events[0]!.timestamp)));
    expect(stateOf(report, "ProcessAll").outcome).toBe("running");
    expect(report.incomplete[0]).toMatch(/still running/);
  });

  it("says so when the caller knows more pages exist", () => {
    const report = analyse(small.events.slice(0, 60), small.definition, { complete: false });
    expect(report.complete).toBe(false);
    expect(report.incomplete.some((n) => n.includes("may still be running or may have ended"))).toBe(true);
  });

  it("treats a GetExecutionHistory page with a nextToken as part of the history", () => {
    const report = analyse({ events: small.events.slice(0, 60), nextToken: "AAAA" }, small.definition);
    expect(report.complete).toBe(false);
    expect(report.incomplete).toContain("More pages of this history exist and were not read.");
  });

  it("counts and keeps event types from a future AWS", () => {
    const events: HistoryEvent[] = small.events.map((e) => ({ ...e }));
    events.splice(5, 0, { ...events[5]!, type: "TaskStateSomethingNew" });
    const renumbered = events.map((e, i) => ({ ...e, id: i + 1, previousEventId: Math.min(e.previousEventId ?? 0, i) }));
    const report = analyse(renumbered, small.definition);
    expect(report.unknownEventTypes).toEqual([{ type: "TaskStateSomethingNew", count: 1 }]);
    expect(report.eventCount).toBe(events.length);
    expect(report.incomplete.some((n) => n.includes("TaskStateSomethingNew ×1"))).toBe(true);
  });

  it("reads SDK Date timestamps as it reads ISO strings", () => {
    const withDates = small.events.map((e) => ({ ...e, timestamp: new Date(String(e.timestamp)) }));
    const fromDates = analyse(withDates, small.definition);
    const fromStrings = analyse(small.events, small.definition);
    expect(fromDates.states).toEqual(fromStrings.states);
    expect(fromDates.durationMs).toBe(fromStrings.durationMs);
    expect(fromDates.startedAt).toBe(new Date(String(small.events[0]!.timestamp)).toISOString());
  });
});
