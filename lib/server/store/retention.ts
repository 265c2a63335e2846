import "server-only";
import type { FailureStore } from "./failure-store";

/** How long and how much the index keeps. */
export interface Retention {
  maxAgeMs: number;
  maxBytes: number;
}

/** Rows dropped by one retention pass. */
export interface RetentionResult {
  age: number;
  size: number;
  reports: number;
}

const DAY_MS = 86_400_000;

/** Retention from SFN_TRIAGE_RETENTION_DAYS and SFN_TRIAGE_RETENTION_MB (defaults: 30 days, 1 GB). */
export function retentionFromEnv(env: NodeJS.ProcessEnv = process.env): Retention {
  const days = Number(env.SFN_TRIAGE_RETENTION_DAYS);
  const mb = Number(env.SFN_TRIAGE_RETENTION_MB);
  return {
    maxAgeMs: (Number.isFinite(days) && days > 0 ? days : 30) * DAY_MS,
    maxBytes: (Number.isFinite(mb) && mb > 0 ? mb : 1024) * 1024 * 1024,
  };
}

// Each size pass drops this share of the oldest rows, so a pass is bounded and the loop ends quickly.
const SIZE_STEP_SHARE = 0.05;
const MAX_SIZE_STEPS = 40;

/** Drops failures (and their reports) past the age limit, then the oldest until the index fits its size. */
export async function applyRetention(store: FailureStore, nowMs: number): Promise<RetentionResult> {
  const { db, retention } = store;
  const cutoff = nowMs - retention.maxAgeMs;
  const age = Number((await db.deleteFrom("failures").where("stop_ms", "<", cutoff).executeTakeFirst()).numDeletedRows);
  let reports = Number((await db.deleteFrom("reports").where("stop_ms", "<", cutoff).executeTakeFirst()).numDeletedRows);
  await db.deleteFrom("signatures").where("last_at_ms", "<", cutoff).execute();

  let size = 0;
  for (let step = 0; step < MAX_SIZE_STEPS && (await store.storedBytes()) > retention.maxBytes; step++) {
    const total = Number((await db.selectFrom("failures").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst())?.n ?? 0);
    const reportCount = Number((await db.selectFrom("reports").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirst())?.n ?? 0);
    if (total === 0 && reportCount === 0) break;
    // The stop time below which the oldest share of rows lies; everything up to it goes.
    const offset = Math.max(0, Math.ceil(Math.max(total, reportCount) * SIZE_STEP_SHARE) - 1);
    const pivotOf = async (table: "failures" | "reports") =>
      (await db.selectFrom(table).select("stop_ms").orderBy("stop_ms", "asc").offset(offset).limit(1).executeTakeFirst())?.stop_ms ??
      (await db.selectFrom(table).select((eb) => eb.fn.max("stop_ms").as("stop_ms")).executeTakeFirst())?.stop_ms;
    const failurePivot = total > 0 ? await pivotOf("failures") : null;
    const reportPivot = reportCount > 0 ? await pivotOf("reports") : null;
    if (failurePivot !== null && failurePivot !== undefined) size += Number((await db.deleteFrom("failures").where("stop_ms", "<=", Number(failurePivot)).executeTakeFirst()).numDeletedRows);
    if (reportPivot !== null && reportPivot !== undefined) reports += Number((await db.deleteFrom("reports").where("stop_ms", "<=", Number(reportPivot)).executeTakeFirst()).numDeletedRows);
  }
  await store.countDrop("age", age);
  await store.countDrop("size", size);
  await store.countDrop("reports", reports);
  return { age, size, reports };
}
