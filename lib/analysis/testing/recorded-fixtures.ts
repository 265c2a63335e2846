import type { HistoryEvent } from "@/lib/domain/history-event";

/** One file of ../shared/fixtures/aws-recorded: a GetExecutionHistory response recorded against AWS, with its definition. */
export interface RecordedFixture {
  source: string;
  tags: string[];
  definition: string | null;
  events: HistoryEvent[];
}

/** Where tests find the recorded fixtures, relative to the repo root (CI clones shared/ beside the repo). */
export const RECORDED_FIXTURES_DIR = "../shared/fixtures/aws-recorded";

/** Fixture file names, as the tests refer to the cases they read. */
export const RECORDED = {
  mapTimeout: "timeouts.test_timeouts_test_service_lambda_map_timeout__0.json",
  heartbeat: "timeouts.test_heartbeats_test_heartbeat_timeout__0.json",
  heartbeatPath: "timeouts.test_heartbeats_test_heartbeat_path_timeout__0.json",
  serviceLambdaTimeout: "timeouts.test_timeouts_test_fixed_timeout_service_lambda__0.json",
  lambdaTimeout: "timeouts.test_timeouts_test_fixed_timeout_lambda__0.json",
  activityTimeout: "activities.test_activities_test_activity_task_start_timeout__0.json",
  dataLimitPass: "error_handling.test_states_errors_test_start_large_input__0.json",
  dataLimitCaughtByAll: "error_handling.test_states_errors_test_task_lambda_catch_state_all_data_limit_exceeded_on_large_utf8_response__0.json",
  dataLimitCaughtByName: "error_handling.test_states_errors_test_service_task_lambada_data_limit_exceeded_on_large_utf8_response__0.json",
  parallelCatch: "scenarios.test_base_scenarios_test_parallel_state_catch__0.json",
  parallelRetry: "scenarios.test_base_scenarios_test_parallel_state_retry__0.json",
  parallelFail: "scenarios.test_base_scenarios_test_parallel_state_fail__0.json",
  parallelCallbackCatch: "callback.test_callback_test_sqs_failure_in_wait_for_task_tok_no_error_field-SQS_PARALLEL_WAIT_FOR_TASK_TOKEN__0.json",
  mapRetryRetriers: "scenarios.test_base_scenarios_test_map_state_retry_multiple_retriers__0.json",
  mapCatchWithRetry: "states_variables.test_error_output_test_map_catch_error-MAP_CATCH_ERROR_OUTPUT_WITH_RETRY__0.json",
  mapNested: "scenarios.test_base_scenarios_test_map_state_nested__0.json",
  aborted: "test_sfn_api_test_stop_execution__0.json",
  onlyStarted: "scenarios.test_base_scenarios_test_max_concurrency_path_negative__0.json",
  evaluationFailedAtZero: "assign.test_assign_reference_variables_test_undefined_reference-BASE_UNDEFINED_OUTPUT__0.json",
  distributedReaderFailed: "scenarios.test_base_scenarios_test_map_item_reader_csv_headers_decl_duplicate_headers__0.json",
  lambdaCatchMiss: "error_handling.test_task_lambda_test_raise_exception__0.json",
} as const;
