import { EventBridgeClient, PutEventsCommand } from "@aws-sdk/client-eventbridge";
import { DescribeExecutionCommand, SFNClient } from "@aws-sdk/client-sfn";
import { mockClient } from "aws-sdk-client-mock";
import { afterEach, describe, expect, it } from "vitest";
import { parseStatusChange } from "@/lib/analysis/events";
import type { FaultConfig } from "./faults";
import { StatusEventPublisher } from "./status-events";

const sfnMock = mockClient(SFNClient);
const eventsMock = mockClient(EventBridgeClient);
const ARN = "arn:aws:states:us-east-1:123456789012:execution:orders:run-1";

afterEach(() => {
  sfnMock.reset();
  eventsMock.reset();
});

function publisher(faults: FaultConfig = {}) {
  return new StatusEventPublisher({ sfn: new SFNClient({ region: "us-east-1" }), events: new EventBridgeClient({ region: "us-east-1" }) }, () => faults, () => {});
}

function published() {
  return eventsMock.commandCalls(PutEventsCommand).map((c) => {
    const entry = c.args[0].input.Entries![0]!;
    return parseStatusChange({ source: entry.Source, "detail-type": entry.DetailType, detail: JSON.parse(entry.Detail!) });
  });
}

describe("StatusEventPublisher", () => {
  it("publishes what the dashboard's parser reads: RUNNING without a stop, the close with error, cause and epoch-ms dates", async () => {
    sfnMock.on(DescribeExecutionCommand).resolves({ executionArn: ARN, stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:orders", name: "run-1", status: "TIMED_OUT", startDate: new Date(1_000_000), input: "{}", error: "States.Timeout", cause: "late" });
    eventsMock.on(PutEventsCommand).resolves({ FailedEntryCount: 0, Entries: [{ EventId: "e" }] });
    const p = publisher();
    await p.statusChanged(ARN, "RUNNING");
    await p.statusChanged(ARN, "TIMED_OUT", 2_000_000);
    const [running, closed] = published();
    expect(running).toMatchObject({ ok: true, change: { status: "RUNNING", stopMs: null, error: null, startMs: 1_000_000 } });
    // moto leaves stopDate out for TIMED_OUT: the closing event's time is used.
    expect(closed).toMatchObject({ ok: true, change: { status: "TIMED_OUT", stopMs: 2_000_000, error: "States.Timeout", cause: "late", inputIncluded: true } });
  });

  it("leaves out an input above 248 KB as AWS does, and drops or duplicates events at the fault rates", async () => {
    sfnMock.on(DescribeExecutionCommand).resolves({ executionArn: ARN, stateMachineArn: "arn:aws:states:us-east-1:123456789012:stateMachine:orders", name: "run-1", status: "FAILED", startDate: new Date(1_000_000), stopDate: new Date(2_000_000), input: JSON.stringify({ blob: "x".repeat(250 * 1024) }) });
    eventsMock.on(PutEventsCommand).resolves({ FailedEntryCount: 0 });
    await publisher({ eventDuplicateRate: 1 }).statusChanged(ARN, "FAILED");
    const events = published();
    expect(events).toHaveLength(2);
    expect(events[0]).toMatchObject({ ok: true, change: { inputIncluded: false } });
    const dropping = publisher({ eventDropRate: 1 });
    await dropping.statusChanged(ARN, "FAILED");
    expect(published()).toHaveLength(2);
    expect(dropping.counts).toEqual({ published: 0, dropped: 1, failed: 0 });
  });
});
