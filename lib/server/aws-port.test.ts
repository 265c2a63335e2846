import { describe, expect, it, vi } from "vitest";
import { AwsError } from "@/lib/aws/errors";
import type { ExecutionDescription } from "@/lib/domain/execution";
import type { HistoryEvent } from "@/lib/domain/history-event";
import { createAwsPort, type AwsPort } from "./aws-port";
import { createBudget } from "./budget";

const KNOWN = "arn:aws:states:us-east-1:111111111111:execution:orders:known-1";
const MARKER = "ZZ-MARKER-4242";
const NOW = Date.parse("2026-12-01T12:00:00Z");

function description(arn: string): ExecutionDescription {
  return {
    executionArn: arn, stateMachineArn: "arn:aws:states:us-east-1:111111111111:stateMachine:orders", name: arn.split(":").pop()!,
    status: "FAILED", startDate: "2026-12-01T11:00:00.000Z", stopDate: "2026-12-01T11:01:00.000Z",
    error: "States.Runtime", cause: `An error occurred while executing the state 'Validate' (entered at the event id #2). The JSONPath '$.x' specified for the field 'InputPath' could not be found in the input '{"card":"${MARKER}"}'`,
    inputBytes: 20, outputBytes: null, input: `{"card":"${MARKER}"}`, output: null,
  };
}

function fakeCalls() {
  const counts: Record<string, number> = {};
  const count = (op: string) => void (counts[op] = (counts[op] ?? 0) + 1);
  const events: HistoryEvent[] = [
    { id: 1, timestamp: "2026-12-01T11:00:00.000Z", type: "ExecutionStarted", executionStartedEventDetails: { input: `{"card":"${MARKER}"}` } },
    { id: 2, previousEventId: 1, timestamp: "2026-12-01T11:01:00.000Z", type: "ExecutionFailed", executionFailedEventDetails: { error: "States.Runtime", cause: description(KNOWN).cause } },
  ];
  const calls = {
    describeExecution: vi.fn(async (arn: string) => {
      count("DescribeExecution");
      if (!arn.includes(":known-")) throw new AwsError("not-found", "DescribeExecution", "DescribeExecution: ExecutionDoesNotExist", { awsCode: "ExecutionDoesNotExist" });
      return description(arn);
    }),
    describeStateMachineForExecution: vi.fn(async () => {
      count("DescribeStateMachineForExecution");
      return { stateMachineArn: "x", name: "orders", type: "STANDARD" as const, definition: "{}", status: "ACTIVE" } as never;
    }),
    getExecutionHistoryPage: vi.fn(async () => {
      count("GetExecutionHistory");
      return { events, nextToken: null };
    }),
  } as unknown as AwsPort;
  return { calls, counts };
}

function port(options: { hide?: boolean; known?: string[] } = {}) {
  const { calls, counts } = fakeCalls();
  const built = createAwsPort({
    budget: createBudget({ share: 1 }),
    calls,
    regions: () => ["us-east-1"],
    hidePayloads: () => options.hide ?? false,
    isKnownExecution: (arn) => (options.known ?? []).includes(arn),
    now: () => NOW,
  });
  return { ...built, counts };
}

/** What a triage page asks for at once: the three calls in parallel. */
async function openTriage(face: AwsPort, arn: string) {
  return Promise.allSettled([face.describeExecution(arn), face.describeStateMachineForExecution(arn), face.getExecutionHistoryPage(arn, { reverseOrder: true })]);
}

describe("the AWS port", () => {
  it("costs AWS at most one DescribeExecution per distinct unknown execution, however often it is asked for", async () => {
    const { visitor, counts } = port();
    const unknown = Array.from({ length: 30 }, (_, i) => `arn:aws:states:us-east-1:111111111111:execution:orders:made-up-${i}`);
    for (let round = 0; round < 10; round++) await Promise.all(unknown.map((arn) => openTriage(visitor, arn)));
    expect(counts).toEqual({ DescribeExecution: 30 });
    const results = await openTriage(visitor, unknown[0]!);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ kind: "not-found" });
  });

  it("refuses ARNs of regions it does not watch without calling AWS", async () => {
    const { visitor, counts } = port();
    const foreign = "arn:aws:states:eu-west-3:111111111111:execution:orders:known-9";
    const results = await openTriage(visitor, foreign);
    expect(results.every((r) => r.status === "rejected" && (r.reason as AwsError).kind === "not-found")).toBe(true);
    expect(counts).toEqual({});
  });

  it("asks for a known execution's three answers at once (one round trip)", async () => {
    const { visitor, counts } = port({ known: [KNOWN] });
    const results = await openTriage(visitor, KNOWN);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    expect(counts).toEqual({ DescribeExecution: 1, DescribeStateMachineForExecution: 1, GetExecutionHistory: 1 });
  });

  it("an unknown execution that exists: described first, then its history and definition", async () => {
    const { visitor, counts } = port();
    const arn = "arn:aws:states:us-east-1:111111111111:execution:orders:known-2";
    const results = await openTriage(visitor, arn);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "fulfilled"]);
    expect(counts).toEqual({ DescribeExecution: 1, DescribeStateMachineForExecution: 1, GetExecutionHistory: 1 });
  });

  it("with payloads hidden, hands out no payload text: not in descriptions, not in causes", async () => {
    const { visitor } = port({ hide: true, known: [KNOWN] });
    const [described, , history] = await openTriage(visitor, KNOWN);
    const text = JSON.stringify([(described as PromiseFulfilledResult<unknown>).value, (history as PromiseFulfilledResult<{ events: HistoryEvent[] }>).value.events[1]]);
    expect(text).not.toContain(MARKER);
    expect(text).toContain("The JSONPath '$.x' specified for the field 'InputPath' could not be found in the input '<payload hidden");
    expect((described as PromiseFulfilledResult<ExecutionDescription>).value.inputBytes).toBe(20);
  });

  it("leaves payloads alone when they are not hidden", async () => {
    const { visitor } = port({ known: [KNOWN] });
    const described = await visitor.describeExecution(KNOWN);
    expect(described.cause).toContain(MARKER);
    expect(described.input).toContain(MARKER);
  });
});
