import "server-only";

// The tables of the failure index, as Kysely sees them. Times are epoch milliseconds (bigint in
// Postgres, integer in SQLite: both hold 2^53), booleans are 0/1 integers: one schema for both.

export interface FailuresTable {
  execution_arn: string;
  redrive_count: number;
  state_machine_arn: string;
  state_machine_name: string;
  version_arn: string | null;
  alias_arn: string | null;
  region: string;
  account: string;
  name: string;
  status: string;
  start_ms: number;
  stop_ms: number;
  first_seen_ms: number;
  summarised: number;
  origin_state: string | null;
  origin_path: string | null;
  origin_error: string | null;
  origin_cause: string | null;
  final_error: string | null;
  kind: string | null;
  signature_id: string | null;
  /** What this row costs the size budget (its text in UTF-8 plus a fixed overhead). */
  bytes: number;
}

export interface SignaturesTable {
  id: string;
  state_machine_arn: string;
  origin_path: string | null;
  origin_error: string | null;
  normalised_cause: string;
  sample_cause: string | null;
  first_at_ms: number;
  first_execution_arn: string;
  last_at_ms: number;
}

export interface ReportsTable {
  execution_arn: string;
  redrive_count: number;
  stop_ms: number;
  stored_ms: number;
  report_json: string;
  bytes: number;
}

export interface DropsTable {
  reason: string;
  count: number;
}

export interface PollGapsTable {
  id: string;
  state_machine_arn: string;
  status: string;
  next_token: string;
  created_ms: number;
}

/** What the poll lease's holder last published for the followers (one row per kind of state; see replica-state.ts). */
export interface ReplicaStateTable {
  id: string;
  holder: string;
  published_ms: number;
  state_json: string;
}

export interface IndexDatabase {
  failures: FailuresTable;
  signatures: SignaturesTable;
  reports: ReportsTable;
  drops: DropsTable;
  poll_gaps: PollGapsTable;
  replica_state: ReplicaStateTable;
}
