import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { mockClient } from "aws-sdk-client-mock";
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidArn,
  InvalidToken,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
  SFNServiceException,
  StateMachineTypeNotSupported,
  type HistoryEvent as SdkHistoryEvent,
} from "@aws-sdk/client-sfn";
import { AwsError } from "./errors";
import { resetClients } from "./clients";
import {
  describeExecution,
  describeStateMachine,
  describeStateMachineForExecution,
  getExecutionHistory,
  getExecutionHistoryPage,
  listExecutions,
  listStateMachines,
} from "./sfn";

const SM_ARN = "arn:aws:states:eu-west-1:123456789012:stateMachine:orders";
const EXECUTION_ARN = "arn:aws:states:eu-west-1:123456789012:execution:orders:run-1";
const meta = { $metadata: { httpStatusCode: 400 } };

const sfn = mockClient(SFNClient);

beforeEach(() => {
  sfn.reset();
  resetClients();
});
afterEach(() => resetClients());

function executionItem(i: number) {
  return {
    executionArn: `${EXECUTION_ARN}-${i}`,
    stateMachineArn: SM_ARN,
    name: `run-1-${i}`,
    status: "FAILED" as const,
    startDate: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
    stopDate: new Date(Date.UTC(2026, 0, 1, 0, 1, i)),
  };
}

function events(from: number, to: number): SdkHistoryEvent[] {
  const list: SdkHistoryEvent[] = [];
  for (let id = from; id <= to; id += 1) {
    list.push({ id, previousEventId: id - 1, type: "PassStateEntered", timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, 0, id)) });
  }
  return list;
}

async function regionOfCall(index: number): Promise<string> {
  const client = sfn.call(index).thisValue as SFNClient;
  return client.config.region();
}

describe("listStateMachines", () => {
  it("follows nextToken through every page, 1000 at a time, and fills region and type", async () => {
    sfn
      .on(ListStateMachinesCommand)
      .resolvesOnce({
        stateMachines: [{ stateMachineArn: SM_ARN, name: "orders", type: "STANDARD", creationDate: new Date("2026-01-02T03:04:05Z") }],
        nextToken: "page-2",
      })
      .resolvesOnce({
        stateMachines: [{ stateMachineArn: `${SM_ARN}-fast`, name: "orders-fast", type: "EXPRESS", creationDate: new Date("2026-01-03T00:00:00Z") }],
      });
    const machines = await listStateMachines("eu-west-1");
    expect(machines).toEqual([
      { stateMachineArn: SM_ARN, name: "orders", type: "STANDARD", region: "eu-west-1", creationDate: "2026-01-02T03:04:05.000Z" },
      { stateMachineArn: `${SM_ARN}-fast`, name: "orders-fast", type: "EXPRESS", region: "eu-west-1", creationDate: "2026-01-03T00:00:00.000Z" },
    ]);
    const calls = sfn.commandCalls(ListStateMachinesCommand);
    expect(calls.map((c) => c.args[0].input)).toEqual([{ maxResults: 1000, nextToken: undefined }, { maxResults: 1000, nextToken: "page-2" }]);
    expect(await regionOfCall(0)).toBe("eu-west-1");
  });
});

describe("listExecutions", () => {
  it("asks for 100 by default and stops there even when AWS has more", async () => {
    sfn.on(ListExecutionsCommand).resolves({ executions: Array.from({ length: 100 }, (_, i) => executionItem(i)), nextToken: "more" });
    const executions = await listExecutions({ stateMachineArn: SM_ARN, statusFilter: "FAILED" });
    expect(executions).toHaveLength(100);
    const calls = sfn.commandCalls(ListExecutionsCommand);
    expect(calls).toHaveLength(1);
    expect(calls[0]!.args[0].input).toEqual({ stateMachineArn: SM_ARN, statusFilter: "FAILED", maxResults: 100, nextToken: undefined });
    expect(await regionOfCall(0)).toBe("eu-west-1");
  });

  it("pages with maxResults up to 1000 until maxItems, keeping AWS's newest-first order", async () => {
    const all = Array.from({ length: 2500 }, (_, i) => executionItem(i));
    sfn
      .on(ListExecutionsCommand)
      .resolvesOnce({ executions: all.slice(0, 1000), nextToken: "t1" })
      .resolvesOnce({ executions: all.slice(1000, 1500), nextToken: "t2" })
      .resolvesOnce({ executions: all.slice(1500, 2500), nextToken: "t3" });
    const executions = await listExecutions({ stateMachineArn: SM_ARN, maxItems: 1800 });
    expect(executions).toHaveLength(1800);
    expect(executions[0]?.executionArn).toBe(`${EXECUTION_ARN}-0`);
    expect(executions[1799]?.executionArn).toBe(`${EXECUTION_ARN}-1799`);
    const inputs = sfn.commandCalls(ListExecutionsCommand).map((c) => c.args[0].input);
    expect(inputs.map((i) => [i.maxResults, i.nextToken])).toEqual([
      [1000, undefined],
      [800, "t1"],
      [300, "t2"],
    ]);
  });

  it("stops on the last page before maxItems", async () => {
    sfn
      .on(ListExecutionsCommand)
      .resolvesOnce({ executions: [executionItem(0)], nextToken: "t1" })
      .resolvesOnce({ executions: [executionItem(1)] });
    const executions = await listExecutions({ stateMachineArn: SM_ARN, maxItems: 50 });
    expect(executions.map((e) => e.name)).toEqual(["run-1-0", "run-1-1"]);
    expect(sfn.commandCalls(ListExecutionsCommand)).toHaveLength(2);
  });

  it("reshapes rows to ISO strings, null stopDate for running executions", async () => {
    sfn.on(ListExecutionsCommand).resolves({
      executions: [
        { ...executionItem(0), status: "RUNNING", stopDate: undefined },
        { ...executionItem(1), redriveCount: 2 },
      ],
    });
    const [running, redriven] = await listExecutions({ stateMachineArn: SM_ARN });
    expect(running).toEqual({
      executionArn: `${EXECUTION_ARN}-0`,
      stateMachineArn: SM_ARN,
      name: "run-1-0",
      status: "RUNNING",
      startDate: "2026-01-01T00:00:00.000Z",
      stopDate: null,
    });
    expect(redriven).toMatchObject({ stopDate: "2026-01-01T00:01:01.000Z", redriveCount: 2 });
    expect(JSON.parse(JSON.stringify(redriven))).toEqual(redriven);
  });

  it("maps Express state machines to an unsupported AwsError (422)", async () => {
    sfn.on(ListExecutionsCommand).rejects(new StateMachineTypeNotSupported({ message: "Express", ...meta }));
    const error = await listExecutions({ stateMachineArn: SM_ARN }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AwsError);
    expect(error).toMatchObject({ kind: "unsupported", operation: "ListExecutions", awsCode: "StateMachineTypeNotSupported", retryable: false });
  });

  it("rejects a malformed ARN without calling AWS", async () => {
    const error = await listExecutions({ stateMachineArn: "orders" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "invalid-input" });
    expect(sfn.calls()).toHaveLength(0);
  });
});

describe("describeExecution", () => {
  it("keeps input/output and counts their UTF-8 bytes, not UTF-16 units", async () => {
    const input = JSON.stringify({ city: "Zürich", mood: "🙂" });
    sfn.on(DescribeExecutionCommand).resolves({
      executionArn: EXECUTION_ARN,
      stateMachineArn: SM_ARN,
      name: "run-1",
      status: "FAILED",
      startDate: new Date("2026-01-01T00:00:00Z"),
      stopDate: new Date("2026-01-01T00:05:00Z"),
      input,
      error: "States.DataLimitExceeded",
      cause: "too big",
      redriveCount: 0,
      redriveStatus: "REDRIVABLE",
    });
    const description = await describeExecution(EXECUTION_ARN);
    expect(description).toEqual({
      executionArn: EXECUTION_ARN,
      stateMachineArn: SM_ARN,
      name: "run-1",
      status: "FAILED",
      startDate: "2026-01-01T00:00:00.000Z",
      stopDate: "2026-01-01T00:05:00.000Z",
      error: "States.DataLimitExceeded",
      cause: "too big",
      input,
      inputBytes: input.length + 1 + 2, // ü is 2 bytes (1 unit), 🙂 is 4 bytes (2 units)
      output: null,
      outputBytes: null,
      redriveCount: 0,
      redriveStatus: "REDRIVABLE",
      redriveDate: null,
    });
    expect(sfn.commandCalls(DescribeExecutionCommand)[0]!.args[0].input).toEqual({ executionArn: EXECUTION_ARN });
  });

  it("maps ExecutionDoesNotExist to not-found (404)", async () => {
    sfn.on(DescribeExecutionCommand).rejects(new ExecutionDoesNotExist({ message: "Execution Does Not Exist", ...meta }));
    const error = await describeExecution(EXECUTION_ARN).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "not-found", operation: "DescribeExecution", awsCode: "ExecutionDoesNotExist" });
    expect((error as AwsError).message).toContain("Execution Does Not Exist");
  });

  it("maps InvalidArn to invalid-input and AccessDeniedException to access-denied", async () => {
    sfn
      .on(DescribeExecutionCommand)
      .rejectsOnce(new InvalidArn({ message: "Invalid Arn", ...meta }))
      .rejectsOnce(new SFNServiceException({ name: "AccessDeniedException", $fault: "client", message: "not authorized", ...meta }));
    await expect(describeExecution(EXECUTION_ARN)).rejects.toMatchObject({ kind: "invalid-input" });
    await expect(describeExecution(EXECUTION_ARN)).rejects.toMatchObject({ kind: "access-denied", awsCode: "AccessDeniedException" });
  });
});

describe("describeStateMachine / describeStateMachineForExecution", () => {
  it("reshapes DescribeStateMachine in the ARN's region", async () => {
    sfn.on(DescribeStateMachineCommand).resolves({
      stateMachineArn: SM_ARN,
      name: "orders",
      status: "ACTIVE",
      definition: '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}',
      roleArn: "arn:aws:iam::123456789012:role/sfn",
      type: "STANDARD",
      creationDate: new Date("2025-12-01T00:00:00Z"),
    });
    expect(await describeStateMachine(SM_ARN)).toEqual({
      stateMachineArn: SM_ARN,
      name: "orders",
      type: "STANDARD",
      region: "eu-west-1",
      creationDate: "2025-12-01T00:00:00.000Z",
      definition: '{"StartAt":"A","States":{"A":{"Type":"Succeed"}}}',
      roleArn: "arn:aws:iam::123456789012:role/sfn",
      status: "ACTIVE",
    });
    expect(sfn.commandCalls(DescribeStateMachineCommand)[0]!.args[0].input).toEqual({ stateMachineArn: SM_ARN });
  });

  it("returns the definition the execution ran, dated by its updateDate", async () => {
    sfn.on(DescribeStateMachineForExecutionCommand).resolves({
      stateMachineArn: SM_ARN,
      name: "orders",
      definition: "{}",
      roleArn: "arn:aws:iam::123456789012:role/sfn",
      updateDate: new Date("2026-01-01T12:00:00Z"),
    });
    expect(await describeStateMachineForExecution(EXECUTION_ARN)).toMatchObject({
      stateMachineArn: SM_ARN,
      type: "STANDARD",
      region: "eu-west-1",
      creationDate: "2026-01-01T12:00:00.000Z",
      definition: "{}",
    });
    expect(sfn.commandCalls(DescribeStateMachineForExecutionCommand)[0]!.args[0].input).toEqual({ executionArn: EXECUTION_ARN });
  });
});

describe("getExecutionHistoryPage", () => {
  it("passes reverseOrder, includeExecutionData and nextToken; asks 1000 by default", async () => {
    sfn.on(GetExecutionHistoryCommand).resolves({ events: events(1, 2).reverse(), nextToken: "older" });
    const page = await getExecutionHistoryPage(EXECUTION_ARN, { reverseOrder: true, includeExecutionData: false, nextToken: "t0" });
    expect(sfn.commandCalls(GetExecutionHistoryCommand)[0]!.args[0].input).toEqual({
      executionArn: EXECUTION_ARN,
      reverseOrder: true,
      includeExecutionData: false,
      nextToken: "t0",
      maxResults: 1000,
    });
    expect(page.nextToken).toBe("older");
    expect(page.events.map((e) => e.id)).toEqual([2, 1]);
  });

  it("caps maxResults at the API's 1000 and returns a null nextToken on the last page", async () => {
    sfn.on(GetExecutionHistoryCommand).resolves({ events: [] });
    const page = await getExecutionHistoryPage(EXECUTION_ARN, { maxResults: 5000 });
    expect(sfn.commandCalls(GetExecutionHistoryCommand)[0]!.args[0].input).toMatchObject({ maxResults: 1000, reverseOrder: false });
    expect(page).toEqual({ events: [], nextToken: null });
  });

  it("keeps SDK field shapes and turns the timestamp into an ISO string", async () => {
    sfn.on(GetExecutionHistoryCommand).resolves({
      events: [
        {
          id: 7,
          previousEventId: 6,
          type: "TaskFailed",
          timestamp: new Date("2026-01-01T00:00:07.250Z"),
          taskFailedEventDetails: { resourceType: "lambda", resource: "invoke", error: "States.Timeout", cause: "late" },
        },
      ],
    });
    const { events: [event] } = await getExecutionHistoryPage(EXECUTION_ARN);
    expect(event).toEqual({
      id: 7,
      previousEventId: 6,
      type: "TaskFailed",
      timestamp: "2026-01-01T00:00:07.250Z",
      taskFailedEventDetails: { resourceType: "lambda", resource: "invoke", error: "States.Timeout", cause: "late" },
    });
  });

  it("maps an expired nextToken to invalid-token (409)", async () => {
    sfn.on(GetExecutionHistoryCommand).rejects(new InvalidToken({ message: "Invalid Token", ...meta }));
    const error = await getExecutionHistoryPage(EXECUTION_ARN, { nextToken: "stale" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "invalid-token", operation: "GetExecutionHistory" });
  });
});

describe("getExecutionHistory", () => {
  it("reads every page in ascending order, 1000 per page, reporting each page", async () => {
    sfn
      .on(GetExecutionHistoryCommand)
      .resolvesOnce({ events: events(1, 1000), nextToken: "p2" })
      .resolvesOnce({ events: events(1001, 2000), nextToken: "p3" })
      .resolvesOnce({ events: events(2001, 2345) });
    const pages: [number, number][] = [];
    const all = await getExecutionHistory(EXECUTION_ARN, {
      includeExecutionData: false,
      onPage: (page, index) => pages.push([index, page.length]),
    });
    expect(all).toHaveLength(2345);
    expect(all.map((e) => e.id)).toEqual(Array.from({ length: 2345 }, (_, i) => i + 1));
    expect(pages).toEqual([
      [0, 1000],
      [1, 1000],
      [2, 345],
    ]);
    const inputs = sfn.commandCalls(GetExecutionHistoryCommand).map((c) => c.args[0].input);
    expect(inputs.map((i) => [i.nextToken, i.maxResults, i.reverseOrder, i.includeExecutionData])).toEqual([
      [undefined, 1000, false, false],
      ["p2", 1000, false, false],
      ["p3", 1000, false, false],
    ]);
  });

  it("includes execution data by default and fails with the page's AwsError", async () => {
    sfn
      .on(GetExecutionHistoryCommand)
      .resolvesOnce({ events: events(1, 3), nextToken: "p2" })
      .rejectsOnce(new SFNServiceException({ name: "ThrottlingException", $fault: "client", message: "Rate exceeded", ...meta }));
    const error = await getExecutionHistory(EXECUTION_ARN).catch((e: unknown) => e);
    expect(sfn.commandCalls(GetExecutionHistoryCommand)[0]!.args[0].input.includeExecutionData).toBe(true);
    expect(error).toMatchObject({ kind: "throttled", retryable: true, operation: "GetExecutionHistory" });
  });
});
