import "server-only";

// The AWS layer: the only code that imports @aws-sdk/client-*. Everything returns lib/domain shapes
// and throws AwsError.
export { getSfnClient, getCloudWatchClient, configuredRegions, configuredMaxAttempts, regionOfArn, accountOfArn, resetClients } from "./clients";
export { setWatchedAccounts, watchedAccount, assumeRoleProvider } from "./accounts";
export type { WatchedAccount, AssumedCredentials } from "./accounts";
export type { ClientOverrides } from "./clients";
export {
  listStateMachines,
  listExecutions,
  listExecutionsPage,
  describeExecution,
  describeStateMachine,
  describeStateMachineForExecution,
  getExecutionHistoryPage,
  getExecutionHistory,
} from "./sfn";
export type { HistoryPageOptions } from "./sfn";
export { MAX_QUERIES_PER_CALL as MAX_METRIC_QUERIES_PER_CALL } from "./cloudwatch";
export { getExecutionMetrics, getExecutionCounts, describeAlarms, describeAlarm, describeAlarmHistory } from "./cloudwatch";
export type { AlarmStateUpdate, ExecutionCounts } from "./cloudwatch";
export { AwsError, AWS_ERROR_KINDS, isAwsFailure, toAwsError } from "./errors";
export type { AwsErrorKind } from "./errors";
export { receiveMessages, deleteMessages, changeMessageVisibility, resetSqsClients, MAX_WAIT_SECONDS, MAX_MESSAGES_PER_RECEIVE } from "./sqs";
export type { QueueMessage } from "./sqs";
