import "server-only";
import type { FailureKind } from "@/lib/domain/report";
import type { IndexedFailure, IndexedStatus } from "@/lib/domain/failures";
import type { FailuresTable } from "./schema";

/** What the poller learns of a failing execution from ListExecutions. */
export interface ListedFailure {
  executionArn: string;
  redriveCount: number;
  stateMachineArn: string;
  versionArn: string | null;
  aliasArn: string | null;
  name: string;
  status: IndexedStatus;
  startMs: number;
  stopMs: number;
  /**
   * The execution's error and cause as a status-change event told them (event ingest only): shown until the
   * history is read, which replaces them with the origin's. Absent from ListExecutions, so the poller leaves them out.
   */
  error?: string | null;
  cause?: string | null;
}

/** What the poller learns from the execution's newest history page. */
export type FailureDetails = Pick<IndexedFailure, "originState" | "originPath" | "originError" | "originCause" | "finalError" | "kind">;

/** The key of one row: an execution, and which of its redrives. */
export interface FailureKey {
  executionArn: string;
  redriveCount: number;
}

/** "arn|redriveCount", for sets of keys. */
export function keyOf(k: FailureKey): string {
  return `${k.executionArn}|${k.redriveCount}`;
}

// Bytes a row costs the size budget besides its text: keys, integers, index entries (measured on
// SQLite at about 180 bytes per row for three indexes; rounded up).
const ROW_OVERHEAD_BYTES = 256;

function utf8(text: string | null): number {
  return text === null ? 0 : Buffer.byteLength(text, "utf8");
}

/** The bytes a row costs: its text in UTF-8 plus a fixed overhead. */
export function rowBytes(row: Omit<FailuresTable, "bytes">): number {
  const texts = [row.execution_arn, row.state_machine_arn, row.state_machine_name, row.version_arn, row.alias_arn, row.name, row.origin_state, row.origin_path, row.origin_error, row.origin_cause, row.final_error];
  return ROW_OVERHEAD_BYTES + texts.reduce((sum, t) => sum + utf8(t), 0) * 2;
}

/** The new row for a listed failure: no details yet. */
export function toFailureRow(listed: ListedFailure, nowMs: number): FailuresTable {
  const parts = listed.executionArn.split(":");
  const row: Omit<FailuresTable, "bytes"> = {
    execution_arn: listed.executionArn,
    redrive_count: listed.redriveCount,
    state_machine_arn: listed.stateMachineArn,
    state_machine_name: listed.stateMachineArn.split(":")[6] ?? "",
    version_arn: listed.versionArn,
    alias_arn: listed.aliasArn,
    region: parts[3] ?? "",
    account: parts[4] ?? "",
    name: listed.name,
    status: listed.status,
    start_ms: listed.startMs,
    stop_ms: listed.stopMs,
    first_seen_ms: nowMs,
    summarised: 0,
    origin_state: null,
    origin_path: null,
    origin_error: listed.error ?? null,
    origin_cause: listed.cause ?? null,
    final_error: listed.error ?? null,
    kind: null,
    signature_id: null,
  };
  return { ...row, bytes: rowBytes(row) };
}

const iso = (ms: number) => new Date(Number(ms)).toISOString();

/** A row as the domain sees it. */
export function toIndexedFailure(row: FailuresTable): IndexedFailure {
  return {
    executionArn: row.execution_arn,
    redriveCount: Number(row.redrive_count),
    stateMachineArn: row.state_machine_arn,
    stateMachineName: row.state_machine_name,
    versionArn: row.version_arn,
    aliasArn: row.alias_arn,
    region: row.region,
    account: row.account,
    name: row.name,
    status: row.status as IndexedStatus,
    startDate: iso(row.start_ms),
    stopDate: iso(row.stop_ms),
    firstSeenAt: iso(row.first_seen_ms),
    summarised: Number(row.summarised) === 1,
    originState: row.origin_state,
    originPath: row.origin_path,
    originError: row.origin_error,
    originCause: row.origin_cause,
    finalError: row.final_error,
    kind: row.kind as FailureKind | null,
    signatureId: row.signature_id,
  };
}
