import { describe, expect, it } from "vitest";
import { FAILURE_KINDS, type ExecutionReport, type Failure, type FailureKind, type HandledError, type StateReport } from "@/lib/domain/report";
import { makeStateReport } from "@/test-support/make-report";
import { describeFailure } from "./describe-failure";

function makeState(path: string, overrides: Partial<StateReport> = {}): StateReport {
  return makeStateReport(path, {
    outcome: "failed",
    durationMs: { total: 300_000, max: 300_000, last: 300_000 },
    maxInputBytes: 1_000,
    lastInputBytes: 1_000,
    maxOutputBytes: null,
    lastOutputBytes: null,
    headroomBytes: 261_144,
    ...overrides,
  });
}

function makeFailure(kind: FailureKind, overrides: Partial<Failure> = {}): Failure {
  return { state: "TransformFile", path: "TransformFile", error: "States.TaskFailed", cause: null, kind, eventId: 12, ...overrides };
}

function makeReport(failure: Failure | null, overrides: Partial<ExecutionReport> = {}): ExecutionReport {
  return {
    status: failure ? "FAILED" : "SUCCEEDED",
    eventCount: 14,
    startedAt: "2025-06-01T11:00:00.000Z",
    stoppedAt: "2025-06-01T11:05:30.000Z",
    durationMs: 330_000,
    failure,
    handledErrors: [],
    states: [makeState("Validate", { outcome: "succeeded", durationMs: { total: 50, max: 50, last: 50 } }), makeState("TransformFile")],
    transitions: 2,
    history: { events: 14, limit: 25_000, ratio: 14 / 25_000, byState: [], maps: [] },
    payload: { maxBytes: 1_000, state: "TransformFile", path: "TransformFile", field: "input", limit: 262_144, ratio: 1_000 / 262_144 },
    cost: {
      region: "us-east-1",
      pricePerThousandTransitionsUsd: 0.025,
      priceCheckedOn: "2025-06-01",
      transitions: 2,
      standardUsd: 0.00005,
      monthly: null,
      express: { usd: 0, assumptions: [] },
      notes: [],
    },
    runs: [],
    incomplete: [],
    unknownEventTypes: [],
    ...overrides,
  };
}

function retried(error: string, path = "TransformFile"): HandledError {
  return { path, state: path, error, cause: null, eventId: 8, handledBy: { kind: "retry", retrierIndex: 0, errorEquals: [error] } };
}

describe("describeFailure", () => {
  it("says nothing when nothing failed", () => {
    expect(describeFailure(makeReport(null))).toBeNull();
  });

  it("task-timeout: how long the state ran, and that no retry covered States.Timeout", () => {
    expect(describeFailure(makeReport(makeFailure("task-timeout", { error: "States.Timeout" })))).toBe(
      "TransformFile timed out after 5 min; no retry for States.Timeout",
    );
  });

  it("heartbeat-timeout: the missed heartbeat, and the retries spent first", () => {
    const report = makeReport(makeFailure("heartbeat-timeout", { error: "States.HeartbeatTimeout" }), {
      states: [makeState("TransformFile", { retries: 2, durationMs: { total: 90_000, max: 30_000, last: 30_000 } })],
    });
    expect(describeFailure(report)).toBe("TransformFile missed its heartbeat after 30 s; retried 2 times first");
  });

  it("execution-timeout: the whole execution's duration and the state it was in", () => {
    const report = makeReport(makeFailure("execution-timeout", { error: "States.Timeout" }), { status: "TIMED_OUT", durationMs: 3 * 3_600_000 });
    expect(describeFailure(report)).toBe("The execution timed out after 3 h while in TransformFile (the state machine's TimeoutSeconds)");
    const noState = makeReport(makeFailure("execution-timeout", { state: null, path: null }), { status: "TIMED_OUT", durationMs: null });
    expect(describeFailure(noState)).toBe("The execution timed out (the state machine's TimeoutSeconds)");
    const waiting = makeReport(makeFailure("execution-timeout", { state: null, path: null, activePaths: ["Archive"] }), { status: "TIMED_OUT", durationMs: 30_000 });
    expect(describeFailure(waiting)).toBe("The execution timed out after 30 s while in Archive (the state machine's TimeoutSeconds)");
  });

  it("payload-limit: an output over the cap is what the state produced", () => {
    const report = makeReport(makeFailure("payload-limit", { error: "States.DataLimitExceeded" }), {
      states: [makeState("TransformFile", { maxInputBytes: 2_000, maxOutputBytes: 300_512 })],
    });
    expect(describeFailure(report)).toBe("TransformFile produced 300,512 bytes of output, over the 262,144 bytes cap (States.DataLimitExceeded)");
  });

  it("payload-limit: a Task's parameters over the cap are its input, never a result", () => {
    const report = makeReport(makeFailure("payload-limit", { error: "States.DataLimitExceeded" }), {
      states: [makeState("TransformFile", { maxInputBytes: 289_133, maxInputField: "taskScheduledEventDetails.parameters", maxOutputBytes: null })],
    });
    const line = describeFailure(report)!;
    expect(line).toBe("TransformFile could not run: its Task parameters were 289,133 bytes, over the 262,144 bytes cap (States.DataLimitExceeded)");
    expect(line).not.toContain("produced");
  });

  it("payload-limit: when the cause says the result was too big, the parameters' figure is named as what it is", () => {
    const report = makeReport(makeFailure("payload-limit", { error: "States.DataLimitExceeded", cause: "The state/task 'lambda' returned a result with a size exceeding the maximum number of bytes service limit." }), {
      states: [makeState("Assemble", { maxInputBytes: 289_133, maxInputField: "taskScheduledEventDetails.parameters", maxOutputBytes: null })],
    });
    report.failure!.state = "Assemble";
    report.failure!.path = "Assemble";
    expect(describeFailure(report)).toBe(
      "Assemble returned a result over the 262,144 bytes cap (AWS rejected it, so the history records no size; its Task parameters were already 289,133 bytes) (States.DataLimitExceeded)",
    );
  });

  it("payload-limit: a rejected result has no recorded size, so none is named", () => {
    const report = makeReport(makeFailure("payload-limit", { error: "States.DataLimitExceeded" }));
    expect(describeFailure(report)).toBe("TransformFile returned a result over the 262,144 bytes cap (AWS rejected it, so the history records no size) (States.DataLimitExceeded)");
  });

  it("a caught error that ends in a Fail state names its origin first, then the route", () => {
    const failure = makeFailure("fail-state", {
      state: "OrderFailed",
      path: "OrderFailed",
      error: "Order.Compensated",
      origin: { state: "AuthorizePayment", path: "Checks/AuthorizePayment", error: "Payment.Declined", cause: null, eventId: 17, route: ["Checks", "Compensate", "OrderFailed"] },
    });
    expect(describeFailure(makeReport(failure))).toBe("AuthorizePayment failed with Payment.Declined (caught by Checks → Compensate → Fail state OrderFailed)");
  });

  it("a state after a Catch that fails on its own: the root cause, then its own error", () => {
    const failure = makeFailure("task-failed", {
      state: "Notify",
      path: "Notify",
      error: "Lambda.Unknown",
      origin: { state: "Charge", path: "Charge", error: "States.Timeout", cause: null, eventId: 9, route: ["Charge", "Notify"] },
    });
    expect(describeFailure(makeReport(failure))).toBe("Charge timed out (States.Timeout) (caught by Charge → Notify); then Notify failed with Lambda.Unknown");
  });

  it("history-limit: the 25,000-event cap and the state that hit it", () => {
    expect(describeFailure(makeReport(makeFailure("history-limit", { error: "States.Runtime", state: "PollLoop", path: "PollLoop" })))).toBe(
      "The execution reached the 25,000-event history limit in PollLoop",
    );
  });

  it("fail-state: the Fail state and its error", () => {
    expect(describeFailure(makeReport(makeFailure("fail-state", { state: "OrderRejected", path: "OrderRejected", error: "Order.Invalid" })))).toBe(
      "Reached the Fail state OrderRejected with Order.Invalid",
    );
  });

  it("aborted: StopExecution", () => {
    const report = makeReport(makeFailure("aborted", { state: null, path: null, error: null }), { status: "ABORTED" });
    expect(describeFailure(report)).toBe("The execution was aborted (StopExecution)");
  });

  it("runtime: the state and the runtime error", () => {
    expect(describeFailure(makeReport(makeFailure("runtime", { error: "States.Runtime" })))).toBe("TransformFile hit a runtime error (States.Runtime)");
  });

  it("task-failed: the error, and no retry note when a retrier covered that error", () => {
    const report = makeReport(makeFailure("task-failed", { error: "Lambda.ServiceException" }), { handledErrors: [retried("Lambda.ServiceException")] });
    expect(describeFailure(report)).toBe("TransformFile failed with Lambda.ServiceException");
  });

  it("task-failed: a retry of another state does not count", () => {
    const report = makeReport(makeFailure("task-failed", { error: "Lambda.ServiceException" }), {
      handledErrors: [retried("Lambda.ServiceException", "Validate")],
    });
    expect(describeFailure(report)).toBe("TransformFile failed with Lambda.ServiceException; no retry for Lambda.ServiceException");
  });

  it("says 'retried 1 time', singular", () => {
    const report = makeReport(makeFailure("task-failed", { error: "States.TaskFailed" }), { states: [makeState("TransformFile", { retries: 1 })] });
    expect(describeFailure(report)).toBe("TransformFile failed with States.TaskFailed; retried 1 time first");
  });

  it.each([
    [4_200, "4.2 s"],
    [45_000, "45 s"],
    [119_400, "1 min 59 s"],
    [150_000, "2 min 30 s"],
    [7_199_000, "1 h 59 min"],
    [7_200_000, "2 h"],
    [86_400_000, "24 h"],
    [3 * 86_400_000, "3 d"],
  ])("formats %d ms as %s", (ms, text) => {
    const report = makeReport(makeFailure("task-timeout", { error: "States.Timeout" }), {
      states: [makeState("TransformFile", { retries: 1, durationMs: { total: ms, max: ms, last: ms } })],
    });
    expect(describeFailure(report)).toBe(`TransformFile timed out after ${text}; retried 1 time first`);
  });

  it("leaves out the duration when the state's last attempt has none, and names the execution when no state failed", () => {
    const report = makeReport(makeFailure("task-timeout", { error: "States.Timeout" }), {
      states: [makeState("TransformFile", { durationMs: { total: 0, max: 0, last: null } })],
    });
    expect(describeFailure(report)).toBe("TransformFile timed out; no retry for States.Timeout");
    expect(describeFailure(makeReport(makeFailure("task-failed", { state: null, path: null, error: "States.Runtime" })))).toBe(
      "The execution failed with States.Runtime",
    );
  });

  it("writes one non-empty line for every failure kind", () => {
    for (const kind of FAILURE_KINDS) {
      const line = describeFailure(makeReport(makeFailure(kind)));
      expect(line, kind).toMatch(/^\S.*\S$/);
      expect(line, kind).not.toContain("\n");
      expect(line, kind).not.toContain("undefined");
      expect(line, kind).not.toContain("null");
    }
  });
});
