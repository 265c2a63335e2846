import { describe, expect, it, vi } from "vitest";
import type { AwsPort } from "./aws-port";
import { buildServices } from "./services";
import { FailureStore } from "./store/failure-store";
import { generateMapHistory } from "@/test-support/generate-history";

const ARN = "arn:aws:states:us-east-1:111111111111:execution:batch:run-1";
const NOW = Date.parse("2026-11-23T12:00:00Z");

describe("the composition root", () => {
  it("charges each AWS call to the budget exactly once, through the port", async () => {
    vi.stubEnv("SFN_TRIAGE_REGIONS", "us-east-1");
    const history = generateMapHistory({ items: 3 });
    const newestFirst = [...history.events].reverse();
    const sent: string[] = [];
    const calls = {
      describeExecution: async () => (sent.push("DescribeExecution"), { executionArn: ARN, stateMachineArn: "arn:aws:states:us-east-1:111111111111:stateMachine:batch", name: "run-1", status: "SUCCEEDED" as const, startDate: "2026-11-23T11:00:00Z", stopDate: "2026-11-23T11:10:00Z", error: null, cause: null, inputBytes: 2, outputBytes: null }),
      describeStateMachineForExecution: async () => (sent.push("DescribeStateMachineForExecution"), { stateMachineArn: "x", name: "batch", type: "STANDARD" as const, region: "us-east-1", creationDate: "", definition: history.definition }),
      getExecutionHistoryPage: async () => (sent.push("GetExecutionHistory"), { events: newestFirst, nextToken: null }),
    } as unknown as AwsPort;
    const services = buildServices(calls, () => NOW, () => FailureStore.open({ backend: "sqlite", file: ":memory:" }, { maxAgeMs: 86_400_000, maxBytes: 1024 ** 3 }));
    const before = services.budget.spent();
    const triage = await services.triage.getTriage(ARN);
    await services.triage.getEvents(ARN);
    expect(triage.report.status).toBe("SUCCEEDED");
    const after = services.budget.spent();
    const charged = Object.fromEntries(Object.keys(after).map((api) => [api, (after[api] ?? 0) - (before[api] ?? 0)]).filter(([, n]) => n !== 0));
    const counted: Record<string, number> = {};
    for (const op of sent) counted[op] = (counted[op] ?? 0) + 1;
    expect(charged).toEqual(counted);
    expect(counted.DescribeExecution).toBe(1);
    vi.unstubAllEnvs();
  });
});
