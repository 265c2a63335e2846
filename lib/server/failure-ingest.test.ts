import { describe, expect, it } from "vitest";
import type { HistoryEvent } from "@/lib/domain/history-event";
import { loadSandboxHistory } from "@/test-support/sandbox-histories";
import { AwsError } from "@/lib/aws/errors";
import { readFailureDetails, toDetails } from "./failure-ingest";

const NOW = Date.parse("2026-12-01T12:00:00Z");
const newestFirst = (name: string) => [...(loadSandboxHistory(name).events as HistoryEvent[])].reverse();

describe("toDetails", () => {
  it("indexes a caught error that ended in a Fail state by where it was raised, keeping the final error apart", () => {
    const details = toDetails(newestFirst("order-flow-payment-declined"), NOW);
    expect(details).toMatchObject({ originState: "AuthorizePayment", originError: "Payment.Declined", finalError: "Order.Compensated" });
  });

  it("a failure raised where the run ended has one state and one error", () => {
    const details = toDetails(newestFirst("file-pipeline-transform-timeout"), NOW);
    expect(details).toMatchObject({ originState: "Transform", originError: "States.Timeout", finalError: "States.Timeout" });
  });
});

describe("toDetails with the definition", () => {
  it("names a Fail state's own error inside a caught Parallel branch, which only the definition holds", () => {
    const fraud = loadSandboxHistory("order-flow-fraud-flagged");
    const without = toDetails(newestFirst("order-flow-fraud-flagged"), NOW);
    const withDefinition = toDetails(newestFirst("order-flow-fraud-flagged"), NOW, fraud.definition);
    expect(without.originState).toBe("FraudSuspected");
    expect(withDefinition.originState).toBe("FraudSuspected");
    expect(withDefinition.originError).not.toBe(withDefinition.finalError);
    expect(withDefinition.originError).toBe(JSON.parse(fraud.definition).States.Checks.Branches.flatMap((b: { States: Record<string, { Type: string; Error?: string }> }) => Object.values(b.States)).find((st: { Type: string; Error?: string }) => st.Type === "Fail")?.Error);
  });
});

describe("readFailureDetails", () => {
  const failure = { executionArn: "arn:aws:states:us-east-1:123456789012:execution:sm:gone", stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:sm" };
  const deps = (error: unknown) => ({ now: () => 0, getExecutionHistoryPage: async () => Promise.reject(error) });

  it("an execution AWS no longer has gets unknown details, and does not fail the cycle", async () => {
    const gone = new AwsError("not-found", "GetExecutionHistory", "Execution Does Not Exist", { awsCode: "ExecutionDoesNotExist" });
    const details = await readFailureDetails(deps(gone), failure);
    expect(details).toEqual(toDetails([], 0));
    expect(details.originError).toBeNull();
  });

  it("any other error is the cycle's (read again next time)", async () => {
    const throttled = new AwsError("throttled", "GetExecutionHistory", "Rate exceeded");
    await expect(readFailureDetails(deps(throttled), failure)).rejects.toBe(throttled);
  });
});
