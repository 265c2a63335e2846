import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import type { ExecutionTriage } from "@/lib/domain/triage";
import { executionQuery, fleetQuery, stateMachineQuery } from "./options";
import { queryKeys } from "./keys";

const ARN = "arn:aws:states:us-east-1:123456789012:execution:orders:run-1";

/** The refetch interval executionQuery asks for, given what the last answer said (the query as react-query passes it). */
function intervalFor(data: unknown): number | false | undefined {
  const client = new QueryClient();
  const options = executionQuery(ARN);
  if (data !== undefined) client.setQueryData(options.queryKey, data as ExecutionTriage);
  const interval = options.refetchInterval;
  if (typeof interval !== "function") return interval;
  const query = client.getQueryCache().find({ queryKey: options.queryKey }) ?? { state: { data: undefined } };
  return interval(query as Parameters<typeof interval>[0]);
}

function triage(status: string, history: { complete: boolean; error: string | null }) {
  return { execution: { status }, history };
}

describe("refetch policy", () => {
  it("the fleet: every 5 s (the server answers from its snapshot, AWS is not asked)", () => {
    expect(fleetQuery().refetchInterval).toBe(5_000);
    expect(fleetQuery().queryKey).toEqual(queryKeys.fleet());
  });

  it("an execution: nothing to refresh before a first answer", () => {
    expect(intervalFor(undefined)).toBe(false);
  });

  it("an execution whose history is still loading: every second, whatever its status", () => {
    expect(intervalFor(triage("FAILED", { complete: false, error: null }))).toBe(1_000);
    expect(intervalFor(triage("RUNNING", { complete: false, error: null }))).toBe(1_000);
  });

  it("a running execution with its history in: every 5 s", () => {
    expect(intervalFor(triage("RUNNING", { complete: true, error: null }))).toBe(5_000);
  });

  it("a closed execution with its history in: never again (it cannot change)", () => {
    for (const status of ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"]) expect(intervalFor(triage(status, { complete: true, error: null }))).toBe(false);
  });

  it("a history that stopped loading on an error is not hammered every second", () => {
    expect(intervalFor(triage("FAILED", { complete: false, error: "throttled" }))).toBe(false);
    expect(intervalFor(triage("RUNNING", { complete: false, error: "throttled" }))).toBe(5_000);
  });

  it("a state machine: every 30 s, keyed by its window", () => {
    const q = stateMachineQuery("arn:aws:states:us-east-1:123456789012:stateMachine:orders", { from: "2026-11-23T00:00:00Z" });
    expect(q.refetchInterval).toBe(30_000);
    expect(q.queryKey).toEqual(queryKeys.stateMachine("arn:aws:states:us-east-1:123456789012:stateMachine:orders", { from: "2026-11-23T00:00:00Z" }));
  });
});
