import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely";
import { migrationProvider } from "./migrations";
import type { IndexDatabase } from "./schema";

/** Where the index lives: a SQLite file by default, Postgres when a URL is given. */
export type StoreLocation = { backend: "sqlite"; file: string } | { backend: "postgres"; url: string };

/** The location from the environment: DATABASE_URL → Postgres; else SFN_TRIAGE_DB or `.sfn-triage/index.db`. */
export function storeLocationFromEnv(env: NodeJS.ProcessEnv = process.env): StoreLocation {
  if (env.DATABASE_URL) return { backend: "postgres", url: env.DATABASE_URL };
  return { backend: "sqlite", file: env.SFN_TRIAGE_DB || path.join(".sfn-triage", "index.db") };
}

// Postgres returns int8 (count(*), bigint columns) and numeric (sum) as strings; every time and count
// here is below 2^53, so numbers are exact.
const PG_INT8 = 20;
const PG_NUMERIC = 1700;

async function postgresDialect(url: string): Promise<PostgresDialect> {
  const pg = await import("pg");
  const { Pool, types } = pg.default ?? pg;
  const getTypeParser = ((oid: number, format?: "text" | "binary") =>
    oid === PG_INT8 || oid === PG_NUMERIC ? (value: string) => Number(value) : types.getTypeParser(oid, format)) as typeof types.getTypeParser;
  const pool = new Pool({ connectionString: url, max: 5, types: { getTypeParser } });
  // An idle client whose server went away (restart, failover) must not crash the process: the next
  // query gets a fresh connection or a clear error.
  pool.on("error", () => undefined);
  return new PostgresDialect({ pool });
}

async function sqliteDialect(file: string): Promise<SqliteDialect> {
  const { default: Database } = await import("better-sqlite3");
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const database = new Database(file);
  // WAL: readers (the page) never wait for the poller's writes; NORMAL is durable across app crashes.
  database.pragma("journal_mode = WAL");
  database.pragma("synchronous = NORMAL");
  database.pragma("busy_timeout = 5000");
  return new SqliteDialect({ database });
}

/** Opens the database and brings its schema up to date (creating it on first start). */
export async function openIndexDatabase(location: StoreLocation): Promise<Kysely<IndexDatabase>> {
  const dialect = location.backend === "postgres" ? await postgresDialect(location.url) : await sqliteDialect(location.file);
  const db = new Kysely<IndexDatabase>({ dialect });
  const { error, results } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
  const failed = results?.find((r) => r.status === "Error");
  if (error || failed) {
    await db.destroy();
    const reason = error instanceof Error ? error.message : String(error ?? failed?.migrationName);
    throw new Error(`Failure index: migration failed on ${location.backend}: ${reason}`);
  }
  return db;
}
