// Exact expectations for recorded AWS histories, written by reading each history (event ids quoted below).
import { describe, expect, it } from "vitest";
import type { ExecutionReport, StateReport } from "@/lib/domain/report";
import { buildExecutionReport } from "./history/report";
import { RECORDED, loadFixture } from "@/test-support/recorded-fixtures";

function analyse(file: string): ExecutionReport {
  const fixture = loadFixture(file);
  return buildExecutionReport(fixture.events, { definition: fixture.definition, now: "2024-06-01T00:00:00Z" });
}

function state(report: ExecutionReport, statePath: string): StateReport {
  const found = report.states.find((s) => s.path === statePath);
  if (!found) throw new Error(`no state ${statePath} in ${report.states.map((s) => s.path).join(", ")}`);
  return found;
}

describe("timeouts", () => {
  it("Map item Task timing out: the inner Task is blamed, not the Map (TaskTimedOut #20 → MapStateFailed #32)", () => {
    const report = analyse(RECORDED.mapTimeout);
    expect(report.failure).toEqual({
      state: "LambdaInvoke",
      path: "MapWait/LambdaInvoke",
      error: "States.Timeout",
      cause: null,
      kind: "task-timeout",
      eventId: 20,
      originEventId: 20,
    });
    expect(state(report, "MapWait")).toMatchObject({ type: "Map", entered: 1, mapIterations: 4, outcome: "failed", events: 11 });
    expect(state(report, "MapWait/LambdaInvoke")).toMatchObject({
      type: "Task",
      entered: 4,
      attempts: 4,
      retries: 0,
      outcome: "timed-out",
      appliedTimeoutSeconds: 5,
      events: 20,
    });
    // The other three items' timeouts (#21–#23) were neither retried nor caught.
    expect(report.handledErrors).toEqual([]);
    expect(report.transitions).toBe(5);
    // 33 events: 5 outside the items, 28 for 4 items → 7 per item; 5 + 3,571 × 7 > 25,000.
    expect(report.history.maps).toEqual([{ path: "MapWait", items: 4, eventsPerItem: 7, itemsToLimit: 3571 }]);
  });

  it("a missed heartbeat is told apart from the task timeout (heartbeat 5 s, timeout 600 s, TaskTimedOut #6)", () => {
    for (const file of [RECORDED.heartbeat, RECORDED.heartbeatPath]) {
      const report = analyse(file);
      expect(report.failure).toMatchObject({ path: "SendMessageWithWait", kind: "heartbeat-timeout", error: "States.Timeout", eventId: 6 });
      expect(state(report, "SendMessageWithWait")).toMatchObject({ appliedHeartbeatSeconds: 5, appliedTimeoutSeconds: 600, outcome: "timed-out" });
    }
  });

  it("Task, Lambda and activity timeouts without a heartbeat are task timeouts", () => {
    expect(analyse(RECORDED.serviceLambdaTimeout).failure).toMatchObject({ state: "Start", kind: "task-timeout", eventId: 5 });
    expect(analyse(RECORDED.lambdaTimeout).failure).toMatchObject({ kind: "task-timeout", eventId: 5 });
    expect(analyse(RECORDED.activityTimeout).failure).toMatchObject({ state: "ActivityTask", kind: "task-timeout", eventId: 5 });
  });
});

describe("States.DataLimitExceeded", () => {
  it("a Pass whose output is too big: ExecutionFailed #3 points at PassStateEntered #2 (no definition recorded)", () => {
    const report = analyse(RECORDED.dataLimitPass);
    expect(report.failure).toEqual({
      state: "State_1",
      path: "State_1",
      error: "States.DataLimitExceeded",
      cause: "The state/task 'State_1' returned a result with a size exceeding the maximum number of bytes service limit.",
      kind: "payload-limit",
      eventId: 3,
      originEventId: 2,
    });
    expect(state(report, "State_1").type).toBe("Pass");
    expect(report.incomplete.some((n) => n.startsWith("No definition"))).toBe(true);
  });

  it("AWS let States.ALL catch a Lambda's oversized result (LambdaFunctionFailed #5 → HandleGeneralError #7)", () => {
    // AWS documents States.ALL as unable to catch States.DataLimitExceeded; this history, re-validated
    // against AWS, shows otherwise, so the catcher is read from the history.
    const report = analyse(RECORDED.dataLimitCaughtByAll);
    expect(report.status).toBe("SUCCEEDED");
    expect(report.failure).toBeNull();
    expect(report.handledErrors).toEqual([
      {
        path: "InvokeLambda",
        state: "InvokeLambda",
        error: "States.DataLimitExceeded",
        cause: expect.stringContaining("exceeding the maximum number of bytes"),
        eventId: 5,
        handlerPath: "InvokeLambda",
        handledBy: { kind: "catch", catcherIndex: 0, errorEquals: ["States.ALL"], next: "HandleGeneralError" },
      },
    ]);
    expect(state(report, "InvokeLambda").outcome).toBe("caught");
    expect(state(report, "ProcessResult").outcome).toBe("not-reached");
  });

  it("a catcher naming States.DataLimitExceeded wins over a later States.ALL (TaskFailed #5)", () => {
    const report = analyse(RECORDED.dataLimitCaughtByName);
    expect(report.handledErrors).toHaveLength(1);
    expect(report.handledErrors[0]!.handledBy).toEqual({
      kind: "catch",
      catcherIndex: 0,
      errorEquals: ["States.DataLimitExceeded"],
      next: "HandleDataLimitExceeded",
    });
  });
});

describe("Parallel", () => {
  it("Catch on a Parallel catches its branch's Fail state (FailStateEntered #4 → FinalCaught #7)", () => {
    const report = analyse(RECORDED.parallelCatch);
    expect(report.status).toBe("SUCCEEDED");
    expect(report.handledErrors).toEqual([
      {
        path: "ParallelState/Branch1",
        state: "Branch1",
        error: "FailureType",
        cause: "Cause description",
        eventId: 4,
        handlerPath: "ParallelState",
        handledBy: { kind: "catch", catcherIndex: 0, errorEquals: ["FailureType"], next: "FinalCaught" },
      },
    ]);
    expect(state(report, "ParallelState")).toMatchObject({ outcome: "caught", parallelBranches: 1, entered: 1 });
    expect(state(report, "Final").outcome).toBe("not-reached");
  });

  it("Retry on a Parallel: two retries (ParallelStateStarted #5, #7), then the branch's Fail state ends it", () => {
    const report = analyse(RECORDED.parallelRetry);
    expect(report.failure).toEqual({
      state: "Branch1",
      path: "ParallelState/Branch1",
      error: "FailureType",
      cause: "Cause description",
      kind: "fail-state",
      eventId: 10,
      originEventId: 8,
    });
    expect(report.handledErrors.map((h) => [h.eventId, h.handledBy])).toEqual([
      [4, { kind: "retry", retrierIndex: 0, errorEquals: ["FailureType"] }],
      [6, { kind: "retry", retrierIndex: 0, errorEquals: ["FailureType"] }],
    ]);
    expect(state(report, "ParallelState")).toMatchObject({ retries: 2, attempts: 3, outcome: "failed" });
    expect(state(report, "ParallelState/Branch1")).toMatchObject({
      entered: 3,
      type: "Fail",
      lastError: { error: "FailureType", cause: "Cause description", eventId: 8 },
    });
    expect(report.transitions).toBe(4 + 2);
  });

  it("an unhandled branch failure is attributed to the branch state", () => {
    expect(analyse(RECORDED.parallelFail).failure).toMatchObject({ path: "ParallelState/Branch1", kind: "fail-state", error: "FailureType" });
  });

  it("a TaskFailed without error is caught by the catcher whose Next the history took (#8 → CaughtStatesALL #12)", () => {
    const report = analyse(RECORDED.parallelCallbackCatch);
    expect(report.handledErrors).toEqual([
      expect.objectContaining({
        path: "ParallelJob/SendMessageWithWait",
        error: null,
        eventId: 8,
        handlerPath: "ParallelJob",
        handledBy: { kind: "catch", catcherIndex: 1, errorEquals: ["States.ALL"], next: "CaughtStatesALL" },
      }),
    ]);
  });
});

describe("Map", () => {
  it("Retry on a Map: the first matching retrier applies ('State.ALL' is a typo and matches nothing)", () => {
    const report = analyse(RECORDED.mapRetryRetriers);
    expect(report.handledErrors.map((h) => [h.eventId, h.path, h.handlerPath, h.handledBy])).toEqual(
      [7, 11, 15].map((id) => [id, "MapState/HandleItemFail", "MapState", { kind: "retry", retrierIndex: 2, errorEquals: ["HandleItemFailError"] }]),
    );
    expect(report.failure).toMatchObject({ path: "MapState/HandleItemFail", kind: "fail-state", error: "HandleItemFailError", originEventId: 19 });
    expect(state(report, "MapState")).toMatchObject({ retries: 3, mapIterations: 4 });
  });

  it("retry then catch inside an item, then the catcher's own state fails (EvaluationFailed #14 linked to #12)", () => {
    const report = analyse(RECORDED.mapCatchWithRetry);
    expect(report.handledErrors.map((h) => [h.eventId, h.path, h.handledBy.kind])).toEqual([
      [8, "ProcessItems/ProcessItem", "retry"],
      [11, "ProcessItems/ProcessItem", "catch"],
    ]);
    expect(report.handledErrors[1]!.handledBy).toMatchObject({ catcherIndex: 0, next: "Fallback" });
    expect(report.failure).toMatchObject({ path: "ProcessItems/Fallback", kind: "runtime", error: "States.QueryEvaluationError", eventId: 14 });
    expect(state(report, "ProcessItems/ProcessItem")).toMatchObject({ outcome: "caught", attempts: 2, retries: 1 });
  });

  it("nested Maps keep their paths apart and count items per level", () => {
    const report = analyse(RECORDED.mapNested);
    expect(state(report, "MapL1")).toMatchObject({ entered: 1, mapIterations: 2 });
    expect(state(report, "MapL1/MapL2")).toMatchObject({ entered: 2, mapIterations: 6 });
    expect(state(report, "MapL1/MapL2/MapL2Pass")).toMatchObject({ entered: 6, events: 12 });
    expect(report.history.maps.map((m) => [m.path, m.items, m.eventsPerItem])).toEqual([
      ["MapL1", 2, 18],
      ["MapL1/MapL2", 6, 4],
    ]);
  });

  it("a Distributed Map's failure is its own, and its items are said to live elsewhere", () => {
    const report = analyse(RECORDED.distributedReaderFailed);
    expect(report.failure).toMatchObject({ path: "MapState", error: "States.ItemReaderFailed", eventId: 5 });
    expect(report.history.maps).toEqual([]);
    expect(state(report, "MapState/PassItem").inChildExecution).toBe(true);
    expect(report.incomplete.some((n) => n.includes("Distributed Map"))).toBe(true);
  });
});

describe("other endings", () => {
  it("an aborted execution names the state that was waiting", () => {
    const report = analyse(RECORDED.aborted);
    expect(report.status).toBe("ABORTED");
    expect(report.failure).toMatchObject({ kind: "aborted", state: null, path: null, eventId: 3, activePaths: ["State_1"] });
  });

  it("a history holding only ExecutionStarted is a running execution", () => {
    const report = analyse(RECORDED.onlyStarted);
    expect(report.status).toBe("RUNNING");
    expect(report.stoppedAt).toBeNull();
    expect(report.incomplete[0]).toMatch(/still running/);
    expect(report.durationMs).toBe(Date.parse("2024-06-01T00:00:00Z") - Date.parse("2024-01-01T00:00:01Z"));
  });

  it("EvaluationFailed linked to event 0 is placed by the state it names", () => {
    expect(analyse(RECORDED.evaluationFailedAtZero).failure).toMatchObject({ path: "State0", kind: "runtime", eventId: 3 });
  });

  it("a Catch that does not match leaves the Lambda's error unhandled", () => {
    const report = analyse(RECORDED.lambdaCatchMiss);
    expect(report.handledErrors).toEqual([]);
    expect(report.failure).toMatchObject({ path: "Start", kind: "task-failed", error: "Exception", eventId: 5 });
  });
});
