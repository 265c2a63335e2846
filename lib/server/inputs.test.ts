import { describe, expect, it } from "vitest";
import { AlarmLink, ExecutionArnSegment, GoQuery, parseInput, PayloadQuery, StateMachineArnSegment, TimeWindow } from "./inputs";

const EXECUTION = "arn:aws:states:us-east-1:123456789012:execution:orders:run-1";
const STATE_MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:orders";

describe("route inputs", () => {
  it("reads execution ARNs from path segments, encoded or not, and refuses other kinds with what was expected", async () => {
    expect(parseInput(ExecutionArnSegment, encodeURIComponent(EXECUTION))).toMatchObject({ ok: true, data: { arn: EXECUTION, kind: "execution" } });
    expect(parseInput(ExecutionArnSegment, EXECUTION)).toMatchObject({ ok: true, data: { arn: EXECUTION } });
    const wrongKind = parseInput(ExecutionArnSegment, encodeURIComponent(STATE_MACHINE), "invalid-arn");
    expect(wrongKind).toMatchObject({ ok: false, message: "That is a state-machine ARN; this takes executions." });
    if (wrongKind.ok) throw new Error("unreachable");
    expect(wrongKind.response.status).toBe(400);
    expect(await wrongKind.response.json()).toMatchObject({ error: { kind: "invalid-arn", expected: expect.stringContaining("execution:{stateMachine}") } });
    expect(parseInput(ExecutionArnSegment, "%E0%A4%A")).toMatchObject({ ok: false, message: "The ARN in the link is not valid URL encoding." });
    expect(parseInput(ExecutionArnSegment, "not-an-arn").ok).toBe(false);
    expect(parseInput(StateMachineArnSegment, encodeURIComponent(`${STATE_MACHINE}:prod`))).toMatchObject({ ok: true, data: { kind: "state-machine-qualified" } });
  });

  it("takes windows of ISO times in order, and says which end is wrong", () => {
    expect(parseInput(TimeWindow, {})).toEqual({ ok: true, data: {} });
    expect(parseInput(TimeWindow, { from: "2026-11-23T00:00:00Z", to: "2026-11-23T01:00:00Z" }).ok).toBe(true);
    expect(parseInput(TimeWindow, { from: "yesterday" })).toMatchObject({ ok: false, message: expect.stringMatching(/^from: must be an ISO 8601 time/) });
    expect(parseInput(TimeWindow, { from: "2026-11-23T02:00:00Z", to: "2026-11-23T01:00:00Z" })).toMatchObject({ ok: false, message: "from must come before to" });
  });

  it("payload queries, /go queries and alarm links", () => {
    expect(parseInput(PayloadQuery, { eventId: "3", field: "input" })).toEqual({ ok: true, data: { eventId: 3, field: "input" } });
    expect(parseInput(PayloadQuery, { eventId: "-1", field: "input" }).ok).toBe(false);
    expect(parseInput(PayloadQuery, { eventId: "3", field: "headers" }).ok).toBe(false);
    expect(parseInput(GoQuery, "   ").ok).toBe(false);
    expect(parseInput(GoQuery, "x".repeat(262_145)).ok).toBe(false);
    expect(parseInput(GoQuery, ` ${EXECUTION} `)).toEqual({ ok: true, data: EXECUTION });
    expect(parseInput(AlarmLink, { region: "us-east-1", alarmName: "orders-failed" }).ok).toBe(true);
    expect(parseInput(AlarmLink, { region: "not a region", alarmName: "orders-failed" }).ok).toBe(false);
  });
});
