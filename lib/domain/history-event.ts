/**
 * A GetExecutionHistory event, structurally compatible with the SDK's `HistoryEvent`
 * (timestamp is a Date from the SDK, an ISO string from JSON: the CLI, fixtures and our API).
 * Details are kept loose on purpose: a future AWS may add types and fields, and we must keep them.
 */
export interface HistoryEvent {
  id: number;
  previousEventId?: number;
  timestamp: Date | string;
  type: string;
  [detailsField: `${string}EventDetails`]: Record<string, unknown> | undefined;
}

/**
 * Every HistoryEventType AWS documents. Pinned to the SDK's own `HistoryEventType` enum by
 * lib/aws/history-event-types.test.ts, so a new SDK that adds a type fails the test instead of
 * being silently unknown. (lib/domain cannot import the SDK at run time: it ships to the browser.)
 */
export const HISTORY_EVENT_TYPES = [
  "ActivityFailed", "ActivityScheduled", "ActivityScheduleFailed", "ActivityStarted", "ActivitySucceeded", "ActivityTimedOut",
  "ChoiceStateEntered", "ChoiceStateExited",
  "ExecutionAborted", "ExecutionFailed", "ExecutionRedriven", "ExecutionStarted", "ExecutionSucceeded", "ExecutionTimedOut",
  "FailStateEntered",
  "LambdaFunctionFailed", "LambdaFunctionScheduled", "LambdaFunctionScheduleFailed", "LambdaFunctionStarted",
  "LambdaFunctionStartFailed", "LambdaFunctionSucceeded", "LambdaFunctionTimedOut",
  "MapIterationAborted", "MapIterationFailed", "MapIterationStarted", "MapIterationSucceeded",
  "MapRunAborted", "MapRunFailed", "MapRunRedriven", "MapRunStarted", "MapRunSucceeded",
  "MapStateAborted", "MapStateEntered", "MapStateExited", "MapStateFailed", "MapStateStarted", "MapStateSucceeded",
  "ParallelStateAborted", "ParallelStateEntered", "ParallelStateExited", "ParallelStateFailed", "ParallelStateStarted", "ParallelStateSucceeded",
  "PassStateEntered", "PassStateExited",
  "SucceedStateEntered", "SucceedStateExited",
  "TaskFailed", "TaskScheduled", "TaskStarted", "TaskStartFailed", "TaskStateAborted", "TaskStateEntered", "TaskStateExited",
  "TaskSubmitFailed", "TaskSubmitted", "TaskSucceeded", "TaskTimedOut",
  "WaitStateAborted", "WaitStateEntered", "WaitStateExited",
  "EvaluationFailed",
] as const;
export type HistoryEventType = (typeof HISTORY_EVENT_TYPES)[number];
