/** Statuses of a Step Functions execution (ExecutionStatus in the SFN API). */
export const EXECUTION_STATUSES = ["RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED", "PENDING_REDRIVE"] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];

/** Statuses after which an execution never changes again (unless redriven). */
export const TERMINAL_STATUSES = ["SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED"] as const satisfies readonly ExecutionStatus[];

/** One row of ListExecutions / DescribeExecution, JSON-safe (ISO timestamps). */
export interface ExecutionSummary {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  startDate: string;
  stopDate: string | null;
  redriveCount?: number;
  stateMachineVersionArn?: string;
  stateMachineAliasArn?: string;
}

/** DescribeExecution, JSON-safe. Input/output are omitted when payloads are hidden. */
export interface ExecutionDescription extends ExecutionSummary {
  error: string | null;
  cause: string | null;
  inputBytes: number | null;
  outputBytes: number | null;
  input?: string | null;
  output?: string | null;
  redriveStatus?: string | null;
  redriveDate?: string | null;
}
