import "server-only";
import type { Kysely, Migration, MigrationProvider } from "kysely";

// Migrations are written once with Kysely's schema builder, which emits each backend's DDL; "bigint"
// is INTEGER affinity in SQLite and int8 in Postgres. Add new ones at the end; never edit a shipped one.
const MIGRATIONS: Record<string, Migration> = {
  "0001-failure-index": {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("failures")
        .addColumn("execution_arn", "varchar(2048)", (c) => c.notNull())
        .addColumn("redrive_count", "integer", (c) => c.notNull())
        .addColumn("state_machine_arn", "varchar(2048)", (c) => c.notNull())
        .addColumn("state_machine_name", "varchar(256)", (c) => c.notNull())
        .addColumn("version_arn", "varchar(2048)")
        .addColumn("alias_arn", "varchar(2048)")
        .addColumn("region", "varchar(64)", (c) => c.notNull())
        .addColumn("account", "varchar(64)", (c) => c.notNull())
        .addColumn("name", "varchar(256)", (c) => c.notNull())
        .addColumn("status", "varchar(32)", (c) => c.notNull())
        .addColumn("start_ms", "bigint", (c) => c.notNull())
        .addColumn("stop_ms", "bigint", (c) => c.notNull())
        .addColumn("first_seen_ms", "bigint", (c) => c.notNull())
        .addColumn("summarised", "integer", (c) => c.notNull())
        .addColumn("origin_state", "text")
        .addColumn("origin_path", "text")
        .addColumn("origin_error", "text")
        .addColumn("origin_cause", "text")
        .addColumn("final_error", "text")
        .addColumn("kind", "varchar(64)")
        .addColumn("signature_id", "varchar(32)")
        .addColumn("bytes", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("failures_pk", ["execution_arn", "redrive_count"])
        .execute();
      await db.schema.createIndex("failures_stop").on("failures").columns(["stop_ms"]).execute();
      await db.schema.createIndex("failures_signature_stop").on("failures").columns(["signature_id", "stop_ms"]).execute();
      await db.schema.createIndex("failures_machine_stop").on("failures").columns(["state_machine_arn", "stop_ms"]).execute();
      await db.schema.createIndex("failures_pending").on("failures").columns(["summarised", "stop_ms"]).execute();

      await db.schema
        .createTable("signatures")
        .addColumn("id", "varchar(32)", (c) => c.primaryKey())
        .addColumn("state_machine_arn", "varchar(2048)", (c) => c.notNull())
        .addColumn("origin_path", "text")
        .addColumn("origin_error", "text")
        .addColumn("normalised_cause", "text", (c) => c.notNull())
        .addColumn("sample_cause", "text")
        .addColumn("first_at_ms", "bigint", (c) => c.notNull())
        .addColumn("first_execution_arn", "varchar(2048)", (c) => c.notNull())
        .addColumn("last_at_ms", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("reports")
        .addColumn("execution_arn", "varchar(2048)", (c) => c.notNull())
        .addColumn("redrive_count", "integer", (c) => c.notNull())
        .addColumn("stop_ms", "bigint", (c) => c.notNull())
        .addColumn("stored_ms", "bigint", (c) => c.notNull())
        .addColumn("report_json", "text", (c) => c.notNull())
        .addColumn("bytes", "integer", (c) => c.notNull())
        .addPrimaryKeyConstraint("reports_pk", ["execution_arn", "redrive_count"])
        .execute();
      await db.schema.createIndex("reports_stop").on("reports").columns(["stop_ms"]).execute();

      await db.schema
        .createTable("drops")
        .addColumn("reason", "varchar(32)", (c) => c.primaryKey())
        .addColumn("count", "bigint", (c) => c.notNull())
        .execute();

      await db.schema
        .createTable("poll_gaps")
        .addColumn("id", "varchar(64)", (c) => c.primaryKey())
        .addColumn("state_machine_arn", "varchar(2048)", (c) => c.notNull())
        .addColumn("status", "varchar(32)", (c) => c.notNull())
        .addColumn("next_token", "text", (c) => c.notNull())
        .addColumn("created_ms", "bigint", (c) => c.notNull())
        .execute();
    },
  },
  "0002-window-covering-index": {
    // The window view groups a window's rows by signature and by state machine and status: with these
    // columns in one index, those queries read the index alone, never the rows (7-day view at 100,000 stored).
    async up(db: Kysely<unknown>) {
      await db.schema.createIndex("failures_window_cover").on("failures").columns(["stop_ms", "signature_id", "state_machine_arn", "status"]).execute();
    },
  },
  "0003-replica-state": {
    // Several replicas on one Postgres: the leader writes what only its poller knows (state machines, alarms,
    // findings, RUNNING executions, CloudWatch series) here after each cycle, and followers read it (docs/replicas.md).
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable("replica_state")
        .addColumn("id", "varchar(64)", (c) => c.primaryKey())
        .addColumn("holder", "varchar(256)", (c) => c.notNull())
        .addColumn("published_ms", "bigint", (c) => c.notNull())
        .addColumn("state_json", "text", (c) => c.notNull())
        .execute();
    },
  },
};

/** Kysely's Migrator reads the migrations from here (no files on disk: the build bundles them). */
export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return MIGRATIONS;
  },
};
