import "server-only";
import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  ListStateMachinesCommand,
} from "@aws-sdk/client-sfn";
import type { ExecutionDescription, ExecutionStatus, ExecutionSummary } from "@/lib/domain/execution";
import type { HistoryEvent } from "@/lib/domain/history-event";
import type { StateMachineDescription, StateMachineSummary } from "@/lib/domain/state-machine";
import { getSfnClient, regionOfArn, sfnClientFor } from "./clients";
import { withAwsErrors } from "./errors";
import {
  toExecutionDescription,
  toExecutionSummary,
  toHistoryEvent,
  toStateMachineDescription,
  toStateMachineDescriptionForExecution,
  toStateMachineSummary,
} from "./to-domain";

// The API's page-size ceiling for ListStateMachines, ListExecutions and GetExecutionHistory: fewer,
// larger pages spend fewer tokens of the (shared, small) per-API quotas.
const MAX_PAGE_SIZE = 1000;
const DEFAULT_MAX_EXECUTIONS = 100;

/** Every state machine of a region (all pages), Express included. */
export function listStateMachines(region: string, accountId?: string | null): Promise<StateMachineSummary[]> {
  return withAwsErrors("ListStateMachines", async () => {
    const client = getSfnClient(region, accountId);
    const result: StateMachineSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(new ListStateMachinesCommand({ maxResults: MAX_PAGE_SIZE, nextToken }));
      for (const item of page.stateMachines ?? []) result.push(toStateMachineSummary(item, region));
      nextToken = page.nextToken || undefined;
    } while (nextToken);
    return result;
  });
}

/** Up to `maxItems` (default 100) executions of a state machine, newest first as AWS returns them. */
export function listExecutions(input: {
  stateMachineArn: string;
  statusFilter?: ExecutionStatus;
  maxItems?: number;
}): Promise<ExecutionSummary[]> {
  return withAwsErrors("ListExecutions", async () => {
    const client = sfnClientFor(input.stateMachineArn);
    const maxItems = Math.max(1, Math.floor(input.maxItems ?? DEFAULT_MAX_EXECUTIONS));
    const result: ExecutionSummary[] = [];
    let nextToken: string | undefined;
    do {
      const page = await client.send(
        new ListExecutionsCommand({
          stateMachineArn: input.stateMachineArn,
          statusFilter: input.statusFilter,
          maxResults: Math.min(MAX_PAGE_SIZE, maxItems - result.length),
          nextToken,
        }),
      );
      for (const item of page.executions ?? []) {
        if (result.length >= maxItems) break;
        result.push(toExecutionSummary(item));
      }
      nextToken = page.nextToken || undefined;
    } while (nextToken && result.length < maxItems);
    return result;
  });
}

/** One ListExecutions page (newest first); `nextToken` is null on the last page. Expired tokens → invalid-token. */
export function listExecutionsPage(input: {
  stateMachineArn: string;
  statusFilter?: ExecutionStatus;
  maxResults?: number;
  nextToken?: string;
}): Promise<{ executions: ExecutionSummary[]; nextToken: string | null }> {
  return withAwsErrors("ListExecutions", async () => {
    const page = await sfnClientFor(input.stateMachineArn).send(
      new ListExecutionsCommand({
        stateMachineArn: input.stateMachineArn,
        statusFilter: input.statusFilter,
        maxResults: Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(input.maxResults ?? MAX_PAGE_SIZE))),
        nextToken: input.nextToken,
      }),
    );
    return { executions: (page.executions ?? []).map(toExecutionSummary), nextToken: page.nextToken || null };
  });
}

/** DescribeExecution, with input/output and their UTF-8 byte sizes. */
export function describeExecution(executionArn: string): Promise<ExecutionDescription> {
  return withAwsErrors("DescribeExecution", async () => {
    const output = await sfnClientFor(executionArn).send(new DescribeExecutionCommand({ executionArn }));
    return toExecutionDescription(output);
  });
}

/** DescribeStateMachine (a state machine, version or alias ARN). */
export function describeStateMachine(stateMachineArn: string): Promise<StateMachineDescription> {
  return withAwsErrors("DescribeStateMachine", async () => {
    const region = regionOfArn(stateMachineArn);
    const output = await sfnClientFor(stateMachineArn).send(new DescribeStateMachineCommand({ stateMachineArn }));
    return toStateMachineDescription(output, region);
  });
}

/** The definition an execution actually ran (it may differ from today's after an update). Standard only. */
export function describeStateMachineForExecution(executionArn: string): Promise<StateMachineDescription> {
  return withAwsErrors("DescribeStateMachineForExecution", async () => {
    const region = regionOfArn(executionArn);
    const output = await sfnClientFor(executionArn).send(new DescribeStateMachineForExecutionCommand({ executionArn }));
    return toStateMachineDescriptionForExecution(output, region);
  });
}

/** Options of one GetExecutionHistory page. */
export interface HistoryPageOptions {
  /** Newest first: a failure is on the first page, whatever the history's length. */
  reverseOrder?: boolean;
  /** From the previous page; expires after 24 h (→ invalid-token). */
  nextToken?: string;
  /** 1–1000, default 1000. */
  maxResults?: number;
  /** False leaves out input/output (smaller, and enough to locate a failure). Default true. */
  includeExecutionData?: boolean;
}

/** One page of an execution's history; `nextToken` is null on the last page. */
export function getExecutionHistoryPage(
  executionArn: string,
  opts: HistoryPageOptions = {},
): Promise<{ events: HistoryEvent[]; nextToken: string | null }> {
  return withAwsErrors("GetExecutionHistory", async () => {
    const output = await sfnClientFor(executionArn).send(
      new GetExecutionHistoryCommand({
        executionArn,
        maxResults: Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(opts.maxResults ?? MAX_PAGE_SIZE))),
        reverseOrder: opts.reverseOrder ?? false,
        nextToken: opts.nextToken,
        includeExecutionData: opts.includeExecutionData ?? true,
      }),
    );
    return { events: (output.events ?? []).map(toHistoryEvent), nextToken: output.nextToken || null };
  });
}

/** The whole history, ascending, 1000 events per page (a 25,000-event history is 25 calls). */
export async function getExecutionHistory(
  executionArn: string,
  opts: { includeExecutionData?: boolean; onPage?: (events: HistoryEvent[], pageIndex: number) => void } = {},
): Promise<HistoryEvent[]> {
  const events: HistoryEvent[] = [];
  let nextToken: string | undefined;
  let pageIndex = 0;
  do {
    const page = await getExecutionHistoryPage(executionArn, {
      nextToken,
      maxResults: MAX_PAGE_SIZE,
      includeExecutionData: opts.includeExecutionData,
    });
    for (const event of page.events) events.push(event);
    opts.onPage?.(page.events, pageIndex);
    pageIndex += 1;
    nextToken = page.nextToken ?? undefined;
  } while (nextToken);
  return events;
}
