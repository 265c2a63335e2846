// Test support only (imported by *.test.ts and bench/, never by app code): reading the fixtures from disk is
// its whole job, so it lives outside lib/analysis, which does no I/O. The one loader of the recorded fixtures.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { HistoryEvent } from "@/lib/domain/history-event";

/** The recorded AWS fixtures (see ../shared/fixtures/aws-recorded/README.md), beside the repo. */
export const FIXTURE_DIR = path.resolve(__dirname, "../../shared/fixtures/aws-recorded");

/** One file of ../shared/fixtures/aws-recorded: a GetExecutionHistory response recorded against AWS, with its definition. */
export interface RecordedFixture {
  file: string;
  source: string;
  tags: string[];
  definition: string | null;
  events: HistoryEvent[];
}

/** Names of every fixture file, sorted; throws (and so fails the test) when there are none, rather than testing nothing. */
export function fixtureFiles(): string[] {
  if (!existsSync(FIXTURE_DIR)) throw new Error(`Recorded fixtures not found at ${FIXTURE_DIR}: clone shared/ beside the repo.`);
  const files = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith(".json")).sort();
  if (files.length === 0) throw new Error(`No fixtures in ${FIXTURE_DIR}`);
  return files;
}

/** One fixture by file name, parsed. */
export function loadFixture(file: string): RecordedFixture {
  const json = JSON.parse(readFileSync(path.join(FIXTURE_DIR, file), "utf8")) as Omit<RecordedFixture, "file">;
  return { file, source: json.source, tags: json.tags ?? [], definition: json.definition, events: json.events };
}

/** Every fixture, parsed, in file-name order. */
export function loadFixtures(): RecordedFixture[] {
  return fixtureFiles().map(loadFixture);
}

type Json = Record<string, unknown>;

/** State paths of a definition, walked straight from its JSON (independently of buildStateGraph). */
export function rawStatePaths(definition: Json, owner: string | null = null): string[] {
  const paths: string[] = [];
  for (const [name, state] of Object.entries((definition.States ?? {}) as Record<string, Json>)) {
    const p = owner === null ? name : `${owner}/${name}`;
    paths.push(p);
    const processor = (state.ItemProcessor ?? state.Iterator) as Json | undefined;
    if (processor) paths.push(...rawStatePaths(processor, p));
    for (const branch of (state.Branches ?? []) as Json[]) paths.push(...rawStatePaths(branch, p));
  }
  return paths;
}

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
