import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { changesAnything, failedAttempts, foldStatusChanges, mergeStatusChange } from "./merge";
import { parseStatusChange, parseStatusChangeMessage, type ExecutionStatusChange } from "./status-change";

const SM = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";
const EXEC = "arn:aws:states:us-east-1:123456789012:execution:orders:run-1";

function event(detail: Record<string, unknown>, over: Record<string, unknown> = {}) {
  return {
    version: "0",
    id: "315c1398-40ff-a850-213b-158f73e60175",
    "detail-type": "Step Functions Execution Status Change",
    source: "aws.states",
    account: "123456789012",
    time: "2026-12-02T01:00:00Z",
    region: "us-east-1",
    resources: [EXEC],
    detail: { executionArn: EXEC, stateMachineArn: SM, name: "run-1", status: "FAILED", startDate: 1_764_637_200_000, stopDate: 1_764_637_260_123, input: '{"card":"4111"}', inputDetails: { included: true }, output: null, outputDetails: null, error: "Payment.Declined", cause: "card declined", ...detail },
    ...over,
  };
}

describe("parseStatusChange", () => {
  it("reads a FAILED event as AWS sends it (epoch ms, error and cause, no payload text kept)", () => {
    const parsed = parseStatusChange(event({}));
    expect(parsed).toEqual({
      ok: true,
      change: {
        eventId: "315c1398-40ff-a850-213b-158f73e60175",
        executionArn: EXEC,
        stateMachineArn: SM,
        name: "run-1",
        status: "FAILED",
        startMs: 1_764_637_200_000,
        stopMs: 1_764_637_260_123,
        redriveCount: 0,
        versionArn: null,
        aliasArn: null,
        error: "Payment.Declined",
        cause: "card declined",
        inputIncluded: true,
        outputIncluded: null,
        account: "123456789012",
        region: "us-east-1",
      },
    });
    expect(JSON.stringify(parsed)).not.toContain("4111");
  });

  it("reads RUNNING without a stop date, a redrive count, a version ARN and an input left out for size", () => {
    const parsed = parseStatusChange(event({ status: "RUNNING", stopDate: null, redriveCount: 2, stateMachineVersionArn: `${SM}:3`, input: null, inputDetails: { included: false }, error: null, cause: null }));
    expect(parsed.ok && parsed.change).toMatchObject({ status: "RUNNING", stopMs: null, redriveCount: 2, versionArn: `${SM}:3`, inputIncluded: false });
  });

  it("accepts a Map Run child execution and strips a qualifier from the state machine ARN", () => {
    const child = "arn:aws:states:us-east-1:123456789012:execution:orders/map-label:child-7";
    const parsed = parseStatusChange(event({ executionArn: child, stateMachineArn: `${SM}:prod` }));
    expect(parsed.ok && [parsed.change.executionArn, parsed.change.stateMachineArn]).toEqual([child, SM]);
  });

  it.each([
    ["not an object", "text", "not a JSON object"],
    ["another source", event({}, { source: "my.app" }), "source"],
    ["another detail-type", event({}, { "detail-type": "AWS API Call via CloudTrail" }), "detail-type"],
    ["no detail", event({}, { detail: "x" }), "detail is not an object"],
    ["a bad execution ARN", event({ executionArn: "arn:aws:states:us-east-1:123456789012:stateMachine:orders" }), "executionArn"],
    ["an execution of another state machine", event({ executionArn: "arn:aws:states:us-east-1:123456789012:execution:other:run-1" }), "is not an execution of"],
    ["another account", event({ stateMachineArn: "arn:aws:states:us-east-1:999999999999:stateMachine:orders" }), "is not an execution of"],
    ["an unknown status", event({ status: "EXPLODED" }), "status"],
    ["ISO dates", event({ startDate: "2026-12-02T01:00:00Z" }), "startDate"],
    ["a fractional stop date", event({ stopDate: 1.5 }), "stopDate"],
    ["a close without a stop date", event({ stopDate: null }), "missing for a FAILED"],
    ["a stop before the start", event({ stopDate: 1 }), "before"],
    ["a negative redrive count", event({ redriveCount: -1 }), "redriveCount"],
    ["an error that is not text", event({ error: { secret: "4111" } }), "detail.error"],
    ["an error longer than AWS allows", event({ error: "E".repeat(257) }), "longer than 256"],
  ])("refuses %s, with a reason that quotes nothing", (_what, raw, reason) => {
    const parsed = parseStatusChange(raw);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.reason).toContain(reason);
    expect(parsed.reason).not.toContain("4111");
  });

  it("refuses message bodies that are empty or not JSON", () => {
    expect(parseStatusChangeMessage("")).toEqual({ ok: false, reason: "the message has no body" });
    expect(parseStatusChangeMessage('{"card":"4111"')).toEqual({ ok: false, reason: "the message body is not JSON" });
    expect(parseStatusChangeMessage(JSON.stringify(event({}))).ok).toBe(true);
  });
});

function change(over: Partial<ExecutionStatusChange>): ExecutionStatusChange {
  return { eventId: null, executionArn: EXEC, stateMachineArn: SM, name: "run-1", status: "RUNNING", startMs: 1000, stopMs: null, redriveCount: 0, versionArn: null, aliasArn: null, error: null, cause: null, inputIncluded: null, outputIncluded: null, account: "123456789012", region: "us-east-1", ...over };
}

describe("the merge rule", () => {
  const running = change({});
  const failed = change({ status: "FAILED", stopMs: 5000, error: "Boom" });
  const redriven = change({ status: "RUNNING", redriveCount: 1 });
  const failedAgain = change({ status: "TIMED_OUT", stopMs: 9000, redriveCount: 1 });

  it("a close wins over RUNNING whichever arrives first; duplicates change nothing", () => {
    expect(mergeStatusChange(running, failed)).toBe(failed);
    expect(mergeStatusChange(failed, running)).toBe(failed);
    expect(changesAnything(failed, running)).toBe(false);
    expect(changesAnything(failed, { ...failed })).toBe(false);
    expect(changesAnything(running, failed)).toBe(true);
  });

  it("a redrive's attempt wins over the attempt it redrove, and each failed attempt is kept once", () => {
    expect(mergeStatusChange(failed, redriven)).toBe(redriven);
    expect(mergeStatusChange(failedAgain, failed)).toBe(failedAgain);
    const attempts = failedAttempts([failed, redriven, failedAgain, failed, failedAgain, running]);
    expect(attempts.map((a) => [a.redriveCount, a.status]).sort()).toEqual([[0, "FAILED"], [1, "TIMED_OUT"]]);
  });

  it("any order and any duplication of a set of deliveries folds to the same result", () => {
    const arb = fc.record({
      executionArn: fc.constantFrom(EXEC, `${EXEC}-b`, `${EXEC}-c`),
      status: fc.constantFrom("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED") as fc.Arbitrary<ExecutionStatusChange["status"]>,
      redriveCount: fc.integer({ min: 0, max: 2 }),
      stopMs: fc.integer({ min: 1000, max: 9000 }),
    });
    fc.assert(
      fc.property(fc.array(arb, { minLength: 1, maxLength: 12 }), fc.integer(), (specs, seed) => {
        const changes = specs.map((s) => change({ ...s, stopMs: s.status === "RUNNING" ? null : s.stopMs }));
        // A shuffle (seeded) with some deliveries doubled.
        const rng = fc.sample(fc.array(fc.nat(), { minLength: changes.length * 2, maxLength: changes.length * 2 }), { seed, numRuns: 1 })[0]!;
        const delivered = [...changes, ...changes.filter((_, i) => rng[i]! % 3 === 0)].map((c, i) => ({ c, k: rng[i % rng.length]! })).sort((a, b) => a.k - b.k).map((x) => x.c);
        const key = (m: Map<string, ExecutionStatusChange>) => JSON.stringify([...m].sort());
        expect(key(foldStatusChanges(delivered))).toBe(key(foldStatusChanges(changes)));
        const attempts = (list: ExecutionStatusChange[]) => JSON.stringify(failedAttempts(list).map((a) => [a.executionArn, a.redriveCount, a.status, a.stopMs]).sort());
        expect(attempts(delivered)).toBe(attempts(changes));
      }),
      { numRuns: 300 },
    );
  });
});
