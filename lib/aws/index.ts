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
export { getExecutionMetrics, describeAlarms, describeAlarm, describeAlarmHistory } from "./cloudwatch";
export type { AlarmStateUpdate } from "./cloudwatch";
export { AwsError, AWS_ERROR_KINDS, isAwsFailure, toAwsError } from "./errors";
export type { AwsErrorKind } from "./errors";
