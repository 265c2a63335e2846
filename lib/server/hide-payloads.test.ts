import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { HistoryEvent } from "@/lib/domain/history-event";
import { createBudget } from "./budget";
import { TriageService, type TriageDeps } from "./executions";

// SFN_TRIAGE_HIDE_PAYLOADS=1: no payload text in any API answer, sizes only; the payload API answers 403.
const SECRET = "card-4111111111111111-SECRET";
const ARN = "arn:aws:states:us-east-1:111111111111:execution:orders:run-1";
const SM = "arn:aws:states:us-east-1:111111111111:stateMachine:orders";
const NOW = Date.parse("2026-11-23T12:00:00Z");
const DEFINITION = JSON.stringify({ StartAt: "Charge", States: { Charge: { Type: "Task", Resource: "arn:aws:states:::lambda:invoke", End: true } } });
const payload = JSON.stringify({ card: SECRET, note: "<script>alert(1)</script>" });
const t = (s: number) => new Date(NOW - 60_000 + s * 1000).toISOString();

const EVENTS: HistoryEvent[] = [
  { id: 1, timestamp: t(0), type: "ExecutionStarted", executionStartedEventDetails: { input: payload, inputDetails: { truncated: false }, roleArn: "arn:aws:iam::111111111111:role/r" } },
  { id: 2, previousEventId: 1, timestamp: t(1), type: "TaskStateEntered", stateEnteredEventDetails: { name: "Charge", input: payload, inputDetails: { truncated: false } } },
  { id: 3, previousEventId: 2, timestamp: t(2), type: "TaskScheduled", taskScheduledEventDetails: { resourceType: "lambda", resource: "invoke", region: "us-east-1", parameters: payload } },
  { id: 4, previousEventId: 3, timestamp: t(3), type: "TaskStarted", taskStartedEventDetails: { resourceType: "lambda", resource: "invoke" } },
  { id: 5, previousEventId: 4, timestamp: t(4), type: "TaskSucceeded", taskSucceededEventDetails: { resourceType: "lambda", resource: "invoke", output: payload, outputDetails: { truncated: false } } },
  { id: 6, previousEventId: 5, timestamp: t(5), type: "TaskStateExited", stateExitedEventDetails: { name: "Charge", output: payload, outputDetails: { truncated: false } } },
  { id: 7, previousEventId: 6, timestamp: t(6), type: "ExecutionSucceeded", executionSucceededEventDetails: { output: payload, outputDetails: { truncated: false } } },
];

function deps(): TriageDeps {
  return {
    budget: createBudget({ share: 1 }),
    now: () => NOW,
    describeExecution: vi.fn(async () => ({
      executionArn: ARN, stateMachineArn: SM, name: "run-1", status: "SUCCEEDED" as const, startDate: t(0), stopDate: t(6),
      error: null, cause: null, inputBytes: payload.length, outputBytes: payload.length, input: payload, output: payload,
    })),
    describeStateMachineForExecution: vi.fn(async () => ({ stateMachineArn: SM, name: "orders", type: "STANDARD" as const, region: "us-east-1", creationDate: t(0), definition: DEFINITION })),
    getExecutionHistoryPage: vi.fn(async () => ({ events: [...EVENTS].reverse(), nextToken: null })),
  };
}

const saved = process.env.SFN_TRIAGE_HIDE_PAYLOADS;
beforeEach(() => {
  process.env.SFN_TRIAGE_HIDE_PAYLOADS = "1";
});
afterEach(() => {
  if (saved === undefined) delete process.env.SFN_TRIAGE_HIDE_PAYLOADS;
  else process.env.SFN_TRIAGE_HIDE_PAYLOADS = saved;
  vi.doUnmock("@/lib/server/executions");
  vi.resetModules();
});

describe("SFN_TRIAGE_HIDE_PAYLOADS=1", () => {
  it("the triage JSON carries payload sizes but no payload text", async () => {
    const service = new TriageService(deps());
    await service.getTriage(ARN);
    await service.getEvents(ARN);
    const triage = await service.getTriage(ARN);
    const json = JSON.stringify(triage);
    expect(triage.payloadsHidden).toBe(true);
    expect(json).not.toContain(SECRET);
    expect(json).not.toContain("alert(1)");
    // Sizes are still there for the payload-limit view.
    expect(triage.timeline.some((e) => typeof e.payloadBytes === "number" && e.payloadBytes > 0)).toBe(true);
    expect(triage.execution).not.toHaveProperty("input");
    expect(triage.execution).not.toHaveProperty("output");
  });

  it("the payload API answers 403 without touching AWS", async () => {
    const getPayload = vi.fn(async () => payload);
    vi.doMock("@/lib/server/executions", () => ({ triageService: () => ({ getPayload }) }));
    const { GET } = await import("@/app/api/executions/[arn]/payload/route");
    const res = await GET(new Request(`http://127.0.0.1/api/executions/${encodeURIComponent(ARN)}/payload?eventId=1&field=input`), { params: Promise.resolve({ arn: encodeURIComponent(ARN) }) });
    expect(res.status).toBe(403);
    const body = await res.text();
    expect(JSON.parse(body)).toMatchObject({ error: { kind: "payloads-hidden" } });
    expect(body).not.toContain(SECRET);
    expect(getPayload).not.toHaveBeenCalled();
  });

  it("control: with the setting off, the same payload API does hand out the text", async () => {
    delete process.env.SFN_TRIAGE_HIDE_PAYLOADS;
    // The real service, reading the payload from (fake) AWS on demand.
    const { TriageService } = await import("./executions");
    const service = new TriageService(deps());
    vi.doMock("@/lib/server/executions", () => ({ triageService: () => service }));
    const { GET } = await import("@/app/api/executions/[arn]/payload/route");
    const res = await GET(new Request(`http://127.0.0.1/api/executions/x/payload?eventId=1&field=input`), { params: Promise.resolve({ arn: encodeURIComponent(ARN) }) });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain(SECRET);
  });
});
